import { load, shippedConfigs, synthApp } from "../support/project";

// Resource addresses are promises: a changed address makes Terraform replace the resource.
// This snapshot makes every such change visible in review. Update it only on purpose.
test.each(shippedConfigs())("resource addresses of %s", (file) => {
  const stacks = synthApp(load(file));
  const addresses = Object.fromEntries(
    Object.entries(stacks).map(([name, stack]) => [
      name,
      Object.entries(stack.resource ?? {})
        .flatMap(([type, blocks]) => Object.keys(blocks as object).map((n) => `${type}.${n}`))
        .sort(),
    ]),
  );
  expect(addresses).toMatchSnapshot();
});
