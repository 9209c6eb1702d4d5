/** Whether the page changed inside the app since it loaded: then focus moves to the new page's title. */
let navigated = false;

export function hasNavigated(): boolean {
  return navigated;
}

/** Told by the router on every in-app change of address (not on the first load). */
export function markNavigated(): void {
  navigated = true;
}
