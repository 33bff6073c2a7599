import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// A complement to keeping little (one parse per open post, none of closed ones): the live
// heap after editing a 1 MB post is about 16 MB (its text twice, its parse, the code), but V8
// lets the garbage of each version (the text, the parse of the part that changed) pile up to
// 150 MB of RSS before collecting it. Heap growth tuned for size keeps the peak near 90 MB.
// No heap limit is set, so a 5 MB post still opens. (The web worker has no such flags.)
setFlagsFromString('--optimize-for-size');

// The last line of defence: every handler and scheduled job is guarded, but should a path we
// did not foresee still throw, the server logs it and keeps serving instead of exiting (the
// client would restart it, re-open the same post and crash again).
process.on('uncaughtException', (error) => process.stderr.write(`alphanode: uncaught error (the server keeps running): ${error.stack ?? error.message}\n`));
process.on('unhandledRejection', (reason) => process.stderr.write(`alphanode: unhandled rejection (the server keeps running): ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}\n`));

// The transport is chosen from the command line: --stdio, --node-ipc or --socket=N.
startServer(createConnection(ProposedFeatures.all));
