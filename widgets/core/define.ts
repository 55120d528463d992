/**
 * Registration that never throws: a host page that loads the kit twice (or two versions of it)
 * keeps working. The same version is a no-op; another version gets one console warning.
 */

export const KIT_VERSION = '0.1.0';

export interface VersionedElement extends CustomElementConstructor {
  gwVersion?: string;
}

const warned = new Set<string>();

export function define(tag: string, element: VersionedElement): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag) as VersionedElement | undefined;
  if (existing) {
    const version = existing.gwVersion ?? 'unknown';
    if (version !== (element.gwVersion ?? KIT_VERSION) && !warned.has(tag)) {
      warned.add(tag);
      console.warn(
        `GridWorks Embed: <${tag}> ${version} is already defined; ${element.gwVersion ?? KIT_VERSION} was not registered.`,
      );
    }
    return;
  }
  try {
    registry.define(tag, element);
  } catch (error) {
    // Another script may have taken the name between the check and the call.
    if (!warned.has(tag)) {
      warned.add(tag);
      console.warn(`GridWorks Embed: <${tag}> could not be registered (${(error as Error).name}).`);
    }
  }
}
