import { startTransition, type FormEvent } from "react";

/**
 * An onSubmit for a form whose controls are all held in state: it runs the action without the reset React does
 * after a <form action>, which puts controlled radios and selects back to their first value while the state still
 * says otherwise (facebook/react#30580, #31695): the next submit would send what the screen no longer shows.
 * Pending still shows: a prevented submit that starts a transition keeps the form's status.
 */
export function submitWithoutReset(action: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  };
}
