/** Text for HTML the edge writes itself (start page, previews): every markup character escaped. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
