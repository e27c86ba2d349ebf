import { createTarget, type Target } from '../../lib/target/target';
import { loadProfile, REFERENCE_PROFILE_FILE, type Profile } from '../../lib/target/profile';
import type { RunConfig } from '../../lib/target/config';
import { startServer, type RunningServer, type ServerOptions } from '../../server';

export interface RunningTarget {
  server: RunningServer;
  target: Target;
}

/** A reference server (with a fault, or other data) and the target that points at it. */
export async function startTarget(options: ServerOptions & { profile?: Profile; config?: Partial<RunConfig> } = {}): Promise<RunningTarget> {
  const server = await startServer(options);
  const target = await createTarget({
    baseUrl: server.url,
    profile: options.profile ?? loadProfile(REFERENCE_PROFILE_FILE),
    config: { runId: `selftest${Date.now().toString(36)}`, ...options.config },
    embedded: true,
  });
  return { server, target };
}
