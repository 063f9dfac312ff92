// Loads the page again from the server (through the new service worker after an update). A module of its own so that
// tests can observe the reload, which jsdom cannot perform.
export function reloadPage(): void {
  window.location.reload();
}
