import * as vm from "vm";
import { cacheKey } from "../support/synth-cache";
import { load } from "../support/project";

// The run's synthesis cache only helps when a loaded event gets a key.
describe("the synthesis cache's key", () => {
  test("a loaded event has one, the same for the same file and another for another file", () => {
    const a = cacheKey(load("config/default.json"));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey(load("config/default.json"))).toBe(a);
    expect(cacheKey(load("config/examples/two-regions.json"))).not.toBe(a);
  });

  test("plain data from any realm has one; class instances, Maps and functions have none", () => {
    expect(cacheKey(vm.runInNewContext("({ a: [1, { b: 'c' }] })"))).toBe(cacheKey({ a: [1, { b: "c" }] }));
    expect(cacheKey({ a: Object.create(null) })).toMatch(/^[0-9a-f]{64}$/);
    class Thing {
      readonly x = 1;
    }
    expect(cacheKey({ a: new Thing() })).toBeUndefined();
    expect(cacheKey({ a: new Map() })).toBeUndefined();
    expect(cacheKey({ a: () => 1 })).toBeUndefined();
  });
});
