import { types } from "util";
import { Testing } from "cdktf";
// The matchers' types (jest's Matchers interface is extended there).
import "cdktf/lib/testing/adapters/jest";

// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toHaveDataSourceWithProperties, ...
Testing.setupJest();

// cdktf captures a complete stack trace every time it creates a token (each reference and each
// lazy value, thousands per synthesis) onto a plain object it keeps for its error messages. Under
// jest, source-map-support maps every frame of every such trace through the source maps: that was
// about a third of the CPU of a test that synthesizes, and formatting them at all another tenth.
// Traces captured onto anything but an Error are left empty (cdktf then keeps no creation stack);
// errors, which is what a failing test shows, are still mapped to the TypeScript.
const mapped = Error.prepareStackTrace;
if (mapped) Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => (types.isNativeError(error) ? mapped(error as Error, frames) : "");
