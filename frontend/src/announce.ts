// Polite announcements for screen readers ("Saved", "Posted"): one live region in the shell.
let region: HTMLElement | null = null;

export function setAnnouncer(element: HTMLElement | null): void {
  region = element;
}

export function announce(message: string): void {
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes screen readers read a repeated message again.
  setTimeout(() => {
    if (region) region.textContent = message;
  }, 50);
}
