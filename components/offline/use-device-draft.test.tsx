import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Component, useState, type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DRAFT_SCOPE } from "@/tests/helpers/form-actions";
import { ClearDeviceDraft, DeviceDraftFrame, DRAFT_RESTORED, OFFLINE_NOTHING_SENT } from "./device-draft-frame";
import { draftKey, MAX_DRAFT_CHARS, readDraft, writeDraft } from "./device-draft-storage";
import { isNetworkFailure } from "./network-failure";
import { useDeviceDraft } from "./use-device-draft";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const KEY = draftKey(DRAFT_SCOPE, "test-form");

/** A one-field form with a draft: its start value is the draft's, else empty. */
function NoteForm() {
  const draft = useDeviceDraft(KEY);
  return (
    <DeviceDraftFrame draft={draft}>
      <NoteField start={draft.start?.note ?? ""} track={draft.track} accepted={draft.accepted} />
    </DeviceDraftFrame>
  );
}

function NoteField({
  start,
  track,
  accepted,
}: {
  start: string;
  track: (values: Record<string, string>, keep: boolean) => void;
  accepted: () => void;
}) {
  const [note, setNote] = useState(start);
  return (
    <>
      <label>
        Note
        <input
          value={note}
          onChange={(event) => {
            setNote(event.target.value);
            track({ note: event.target.value }, event.target.value !== "");
          }}
        />
      </label>
      <button type="button" onClick={accepted}>
        Accepted
      </button>
    </>
  );
}

const note = () => screen.getByLabelText("Note") as HTMLInputElement;

describe("draftKey", () => {
  it("is prefixed for sign-out's wipe and scoped to the person, the company, the form and the record", () => {
    const key = draftKey(DRAFT_SCOPE, "request-edit", "order-1");
    expect(key.startsWith("stockflow:draft:")).toBe(true);
    expect(key).toContain(DRAFT_SCOPE.userId);
    expect(key).toContain(DRAFT_SCOPE.companyId);
    expect(key).not.toBe(draftKey(DRAFT_SCOPE, "request-edit", "order-2"));
    expect(key).not.toBe(draftKey({ ...DRAFT_SCOPE, companyId: "other" }, "request-edit", "order-1"));
    expect(key).not.toBe(draftKey({ ...DRAFT_SCOPE, userId: "other" }, "request-edit", "order-1"));
  });
});

describe("draft storage", () => {
  it("keeps nothing over the size bound, and drops the older draft it would have replaced", () => {
    expect(writeDraft(KEY, { note: "short" })).toBe(true);
    expect(writeDraft(KEY, { note: "x".repeat(MAX_DRAFT_CHARS) })).toBe(false);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("survives a full or refused storage, and ignores what is not a draft", () => {
    const full = vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    expect(writeDraft(KEY, { note: "a" })).toBe(false);
    full.mockRestore();
    localStorage.setItem(KEY, "[1,2]");
    expect(readDraft(KEY)).toBeNull();
    localStorage.setItem(KEY, "{not json");
    expect(readDraft(KEY)).toBeNull();
    localStorage.setItem(KEY, JSON.stringify({ note: 3 }));
    expect(readDraft(KEY)).toBeNull();
  });
});

describe("useDeviceDraft", () => {
  it("saves what is typed after a pause, and nothing for a form left blank", async () => {
    render(<NoteForm />);
    expect(localStorage.getItem(KEY)).toBeNull();
    fireEvent.change(note(), { target: { value: "Two pallets" } });
    await waitFor(() => expect(readDraft(KEY)).toEqual({ note: "Two pallets" }));
    // Emptied again: nothing worth keeping, so the draft goes.
    fireEvent.change(note(), { target: { value: "" } });
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(screen.queryByRole("button", { name: "Discard draft" })).toBeNull();
  });

  it("restores a kept draft on mount and says so; Discard empties the form and the device", async () => {
    writeDraft(KEY, { note: "From yesterday" });
    render(<NoteForm />);
    await waitFor(() => expect(note().value).toBe("From yesterday"));
    expect(screen.getByText(DRAFT_RESTORED)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Discard draft" }));
    expect(note().value).toBe("");
    expect(screen.queryByText(DRAFT_RESTORED)).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("writes a pending draft at once when the page is left", () => {
    render(<NoteForm />);
    fireEvent.change(note(), { target: { value: "Leaving now" } });
    expect(localStorage.getItem(KEY)).toBeNull();
    act(() => {
      window.dispatchEvent(new Event("pagehide"));
    });
    expect(readDraft(KEY)).toEqual({ note: "Leaving now" });
  });

  it("removes the draft once accepted, without a later write bringing it back", async () => {
    render(<NoteForm />);
    fireEvent.change(note(), { target: { value: "Sent" } });
    fireEvent.click(screen.getByRole("button", { name: "Accepted" }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});

describe("ClearDeviceDraft", () => {
  it("removes the draft the server accepted, never a newer one", () => {
    writeDraft(KEY, { clientRequestId: "newer", note: "Still typing" });
    const { rerender } = render(<ClearDeviceDraft draftKey={KEY} sent={{ clientRequestId: "accepted" }} />);
    expect(readDraft(KEY)).not.toBeNull();
    writeDraft(KEY, { clientRequestId: "accepted", note: "Sent" });
    rerender(<ClearDeviceDraft draftKey={KEY} sent={{ clientRequestId: "accepted" }} key="again" />);
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});

describe("isNetworkFailure", () => {
  it("is a fetch that got no answer, not a server's or a program's error", () => {
    expect(isNetworkFailure(new TypeError("Failed to fetch"))).toBe(true);
    expect(isNetworkFailure(new TypeError("Load failed"))).toBe(true);
    expect(isNetworkFailure(new TypeError("NetworkError when attempting to fetch resource."))).toBe(true);
    expect(isNetworkFailure(new Error("Failed to fetch"))).toBe(false);
    expect(isNetworkFailure(new Error("An error occurred in the Server Components render."))).toBe(false);
    expect(isNetworkFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });

  it("counts any fetch TypeError while the browser says it is offline", () => {
    const offline = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    expect(isNetworkFailure(new TypeError("net::ERR_INTERNET_DISCONNECTED"))).toBe(true);
    expect(isNetworkFailure(new Error("Server failure"))).toBe(false);
    offline.mockRestore();
  });
});

class Outer extends Component<{ children: ReactNode }, { error: unknown }> {
  state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  render() {
    return this.state.error ? <p>The page&apos;s error boundary</p> : this.props.children;
  }
}

function Thrower({ error }: { error: Error }): ReactNode {
  throw error;
}

describe("DeviceDraftFrame", () => {
  it("passes a real server error on to the page's error boundary", () => {
    function Failing() {
      const draft = useDeviceDraft(KEY);
      return (
        <DeviceDraftFrame draft={draft}>
          <Thrower error={new Error("An error occurred in the Server Components render.")} />
        </DeviceDraftFrame>
      );
    }
    const onCaughtError = vi.fn();
    render(
      <Outer>
        <Failing />
      </Outer>,
      { onCaughtError },
    );
    expect(screen.getByText("The page's error boundary")).toBeTruthy();
    expect(screen.queryByText(OFFLINE_NOTHING_SENT)).toBeNull();
  });
});
