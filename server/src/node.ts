import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { compare } from './features/compare';
import { startServer } from './server';

// The last line of defence: every handler and scheduled job is guarded, but should a path we
// did not foresee still throw, the server logs it and keeps serving instead of exiting (the
// client would restart it, re-open the same post and crash again).
process.on('uncaughtException', (error) => process.stderr.write(`alphanode: uncaught error (the server keeps running): ${error.stack ?? error.message}\n`));
process.on('unhandledRejection', (reason) => process.stderr.write(`alphanode: unhandled rejection (the server keeps running): ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}\n`));

// The transport is chosen from the command line: --stdio, --node-ipc or --socket=N. Compare
// Post with Revision needs git, so only the desktop client asks for it: the web worker
// (browser.ts) leaves it out of its bundle.
startServer(createConnection(ProposedFeatures.all), [compare]);
