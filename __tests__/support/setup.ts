import { Testing } from "cdktf";
// The matchers' types (jest's Matchers interface is extended there).
import "cdktf/lib/testing/adapters/jest";

// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toHaveDataSourceWithProperties, ...
Testing.setupJest();
