/**
 * Hosts whose pages the app may hand to the system browser: public reference sites for treatment
 * and the confidentiality rules. Anything else is refused.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['www.samhsa.gov', 'findtreatment.gov', 'www.findtreatment.gov', 'www.ecfr.gov', 'www.hhs.gov'];

export function isAllowedExternalUrl(raw: string, allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.port !== '') return false;
  return allowedHosts.includes(url.hostname.toLowerCase());
}
