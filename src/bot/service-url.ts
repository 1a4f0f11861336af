/**
 * Proactive messages go to the Bot Connector at the serviceUrl an activity named. An activity is authenticated when
 * BOT_ID is set, but a stored reference is only as good as its host: sends go only to hosts on BOT_SERVICE_HOSTS
 * (Microsoft's connector hosts by default; `*.` matches subdomains), and locally also to this machine.
 */
export const defaultServiceHosts = [
  "smba.trafficmanager.net",
  "*.botframework.com",
  "*.teams.microsoft.com",
  "*.teams.microsoft.us",
];
const loopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

export type ServiceUrlCheck = (serviceUrl: string | undefined) => boolean;

export function createServiceUrlCheck(configured: readonly string[], production: boolean): ServiceUrlCheck {
  const hosts = configured.length > 0 ? configured : [...defaultServiceHosts, ...(production ? [] : loopbackHosts)];
  return (serviceUrl) => {
    if (!serviceUrl) return false;
    let host: string;
    try {
      const url = new URL(serviceUrl);
      if (url.protocol !== "https:" && !loopbackHosts.includes(url.hostname)) return false;
      host = url.hostname.toLowerCase();
    } catch {
      return false;
    }
    return hosts.some((h) => (h.startsWith("*.") ? host.endsWith(h.slice(1)) : host === h.toLowerCase()));
  };
}
