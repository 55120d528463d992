/**
 * The demo tenant's brand, as the seed sends it to `PUT /v1/branding/draft`. Pure data: the
 * seed, the tests and Storybook's "Demo Bank" tenant all read it from here.
 */
export const DEMO_SLUG = 'demo-bank';

export const DEMO_BRAND = {
  slug: DEMO_SLUG,
  name: 'Demo Bank',
  colors: { primary: '#4f6ff0', accent: '#0f8b8d' },
  typography: { genericFamily: 'sans-serif', baseSize: 16, scale: 1.2 },
  shape: { radius: 8 },
  density: 'comfortable',
  mode: 'auto',
} as const;
