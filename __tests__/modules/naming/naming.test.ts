import { GLOBAL_SCOPE, Naming, REGION_CODES } from "../../../modules/naming";

describe("Naming", () => {
  test("names are <event>-<region code>-<component>", () => {
    expect(new Naming("final", "eu-west-1").name("flow-primary-a")).toBe("final-euw1-flow-primary-a");
    expect(new Naming("final", "ap-southeast-2").name("channel")).toBe("final-apse2-channel");
    expect(new Naming("final", GLOBAL_SCOPE).name("playback")).toBe("final-global-playback");
  });

  test("every region code is unique, so two regions of one event never share a name", () => {
    const codes = Object.values(REGION_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test("refuses a region without a code, naming the supported ones", () => {
    expect(() => new Naming("final", "mars-1")).toThrow(/^Naming: no region code for "mars-1"; supported: us-east-1, /);
  });

  test("refuses characters and lengths the services refuse", () => {
    const naming = new Naming("final", "eu-west-1");
    expect(() => naming.name("Flow_A")).toThrow('Naming: "final-euw1-Flow_A" may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit');
    expect(() => naming.name("x".repeat(60))).toThrow(/is 71 characters, over the limit of 64 for this resource; shorten the event name$/);
    expect(naming.name("x".repeat(60), 128)).toHaveLength(71);
  });

  test("a prefix ends in a hyphen and leaves room for what follows", () => {
    const naming = new Naming("final", "eu-west-1");
    expect(naming.prefixFor("flow")).toBe("final-euw1-flow-");
    expect(() => naming.prefixFor("x".repeat(53))).toThrow(/over the limit of 63/);
  });
});

describe("Naming limits", () => {
  const naming = new Naming("final", "eu-west-1");

  test("the prefix is <event>-<region code>, and the global scope keeps its word", () => {
    expect(naming.prefix).toBe("final-euw1");
    expect(naming.event).toBe("final");
    expect(new Naming("final", GLOBAL_SCOPE).prefix).toBe("final-global");
  });

  test("the default limit is 64 characters: 64 pass, 65 do not", () => {
    const component = (length: number) => "x".repeat(length - "final-euw1-".length);
    expect(naming.name(component(64))).toHaveLength(64);
    expect(() => naming.name(component(65))).toThrow(/is 65 characters, over the limit of 64 for this resource/);
  });

  test("rejects a name that starts or ends with a hyphen, or an event name with capitals", () => {
    expect(() => naming.name("flow-")).toThrow('Naming: "final-euw1-flow-" may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit');
    expect(() => new Naming("-final", "eu-west-1").name("flow")).toThrow('Naming: "-final-euw1-flow" may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit');
    expect(() => new Naming("Final", "eu-west-1").name("flow")).toThrow('Naming: "Final-euw1-flow" may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit');
  });
});
