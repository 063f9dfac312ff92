// The debounce between a detector and the person (docs/architecture.md "Camera scanning"). A detector reports the
// code in every frame it sees it, several times a second, and a count must rise once per physical scan. The rule:
// a code is taken when it is new, or when it has left the view — not seen for LEAVE_MS, so a frame or two the
// decoder misses (blur, glare) is not a departure. A label held in view, however long, counts once: a stocktake
// must never rise because someone paused with the camera on a box. Several codes in one frame are judged each on
// its own. Pure: the caller passes the time.

/** A code unseen for this long has left the view. */
export const LEAVE_MS = 500;

interface Sighting {
  seenAt: number;
}

export interface ScanGate {
  /** The codes of one frame (empty when none was seen) at time `now` (ms); returns those to act on, in order. */
  offer(codes: readonly string[], now: number): string[];
}

export function createScanGate({ leaveMs = LEAVE_MS } = {}): ScanGate {
  const sightings = new Map<string, Sighting>();
  return {
    offer(codes, now) {
      const taken: string[] = [];
      for (const code of new Set(codes)) {
        const last = sightings.get(code);
        if (!last || now - last.seenAt >= leaveMs) {
          sightings.set(code, { seenAt: now });
          taken.push(code);
        } else {
          last.seenAt = now;
        }
      }
      // Forget codes long gone, so the map stays as small as what is in view.
      for (const [code, sighting] of sightings) {
        if (now - sighting.seenAt >= leaveMs) sightings.delete(code);
      }
      return taken;
    },
  };
}
