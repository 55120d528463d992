/**
 * The demo partner-bank page served at /demo by `npm start`: a fictional bank's site that embeds
 * the widgets with the one-line embed, under a strict Content-Security-Policy. Reads use the
 * publishable key; quote requests, the onboarding form (drafts, the application) and the support
 * chat use a widget token the page gets from the bank's backend
 * (`data-token-url`, here the edge's development-only /demo/token).
 */

export function demoPageHtml(options: {
  publishableKey: string;
  bankName: string;
  tokenUrl?: string;
}): string {
  const key = options.publishableKey.replace(/[^A-Za-z0-9_]/g, '');
  const tokenUrl = (options.tokenUrl ?? '/demo/token').replace(/[^A-Za-z0-9_/.-]/g, '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.bankName.replace(/[<>&"]/g, '')} — business banking</title>
<link rel="stylesheet" href="/demo/bank.css">
<script type="module" src="/embed.js" data-publishable-key="${key}" data-token-url="${tokenUrl}" data-locale="en-IN"></script>
</head>
<body>
<header class="bank-header"><div class="wrap"><strong class="logo">Demo Bank</strong>
<nav aria-label="Main"><a href="#services">Services</a> <a href="#pricing">Pricing</a> <a href="#apply">Apply</a></nav></div></header>
<main class="wrap">
<section class="hero"><h1>Banking infrastructure for growing businesses</h1>
<p>Everything below is a GridWorks Embed widget, themed as Demo Bank from its published brand, loaded by one script tag.</p></section>
<section id="services" aria-labelledby="services-title"><h2 id="services-title">Our services</h2>
<gw-service-catalog></gw-service-catalog></section>
<section id="pricing" aria-labelledby="pricing-title"><h2 id="pricing-title">Price your plan</h2>
<gw-pricing-calculator></gw-pricing-calculator></section>
<section id="apply" aria-labelledby="apply-title"><h2 id="apply-title">Open an account</h2>
<gw-onboarding-form product="business-account" country="IN"></gw-onboarding-form></section>
<section aria-labelledby="events-title"><h2 id="events-title">Widget events</h2>
<p>Selections and quotes fire <code>gw-*</code> events on this page; open the console to see them.</p></section>
</main>
<footer class="wrap"><p>Demo Bank is fictional. Powered by GridWorks Embed. Answer the chat as the bank: <a href="/demo/agent">agent console</a>.</p></footer>
<gw-support-chat></gw-support-chat>
</body>
</html>`;
}

export const DEMO_CSS = `
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.6 Georgia, serif; color: #1f2933; background: #f5f7fa; }
.wrap { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
.bank-header { background: #102a43; color: #fff; }
.bank-header .wrap { display: flex; align-items: center; justify-content: space-between; min-height: 64px; }
.bank-header a { color: #d9e2ec; margin-inline-start: 16px; }
.logo { font-size: 20px; letter-spacing: 0.5px; }
.hero { padding: 48px 0 24px; }
.hero h1 { font-size: 36px; line-height: 1.2; margin: 0 0 12px; }
section { margin-block: 32px; }
footer { color: #52606d; padding-block: 32px; }
.agent-columns { display: grid; grid-template-columns: minmax(220px, 1fr) 2fr; gap: 32px; }
.agent-console ol { list-style: none; padding: 0; }
.agent-console li { margin-block: 6px; }
.agent-console li[data-author='agent'] { color: #102a43; font-weight: bold; }
.agent-console textarea { display: block; width: 100%; font: inherit; }
`;
