// Graceful shutdown for a listening server: on SIGTERM/SIGINT stop accepting connections, let
// in-flight requests finish (fastify.close waits for them and answers new requests on
// kept-alive sockets with 503), then run `onClosed` (close the store: flushes) and exit 0.
// A second signal, or a request still running after `timeoutSeconds`, exits 1.
import type { FastifyInstance } from 'fastify';

export interface GracefulShutdownOptions {
  onClosed: () => Promise<void>;
  timeoutSeconds?: number;
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

export function installGracefulShutdown(app: FastifyInstance, opts: GracefulShutdownOptions): void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out: requests still running');
      exit(1);
    }, (opts.timeoutSeconds ?? 30) * 1000);
    timer.unref();
    // Sockets kept alive after their last response would hold close() open until the
    // keep-alive timeout; drop each one as soon as it turns idle.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
    reaper.unref();
    app
      .close()
      .then(() => opts.onClosed())
      .then(
        () => {
          clearTimeout(timer);
          clearInterval(reaper);
          app.log.info('shutdown complete');
          exit(0);
        },
        (err: unknown) => {
          clearTimeout(timer);
          clearInterval(reaper);
          app.log.error({ err }, 'shutdown failed');
          exit(1);
        },
      );
  };
  for (const signal of opts.signals ?? (['SIGTERM', 'SIGINT'] as NodeJS.Signals[])) process.on(signal, onSignal);
}
