import { types } from "util";
// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toHaveDataSourceWithProperties, ...
// (what Testing.setupJest() does, from the adapter itself: importing the cdktf package to call it
// cost every test file a quarter of a second, also those that never touch cdktf). The adapter
// module also extends jest's Matchers type.
import { setupJest } from "cdktf/lib/testing/adapters/jest";

setupJest();

// cdktf captures a complete stack trace every time it creates a token (each reference and each
// lazy value, thousands per synthesis) onto a plain object it keeps for its error messages. Under
// jest, source-map-support maps every frame of every such trace through the source maps: that was
// about a third of the CPU of a test that synthesizes, and capturing the frames at all another
// tenth. Traces are captured and formatted only for errors (what a failing test shows, still
// mapped to the TypeScript); anything else keeps an empty stack, and cdktf then no creation stack.
const capture = Error.captureStackTrace;
Error.captureStackTrace = (target: object, constructorOpt?: Function) => {
  if (types.isNativeError(target)) capture(target, constructorOpt);
};
const mapped = Error.prepareStackTrace;
if (mapped) Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => (types.isNativeError(error) ? mapped(error as Error, frames) : "");
