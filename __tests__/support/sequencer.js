// Test order: the files that run Terraform first, one per worker (the Terraform check's one plan
// of every stack, and the harness's own small plan), so no plan is left for the end of the run;
// then jest's usual order (slowest and failed first, from its timing cache).
const Sequencer = require("@jest/test-sequencer").default;

const TERRAFORM_FIRST = [/[\\/]__tests__[\\/]terraform\.test\.ts$/, /[\\/]__tests__[\\/]harness[\\/]terraform-check\.test\.ts$/];

class TerraformFirst extends Sequencer {
  sort(tests) {
    const rank = (t) => {
      const i = TERRAFORM_FIRST.findIndex((re) => re.test(t.path));
      return i < 0 ? TERRAFORM_FIRST.length : i;
    };
    const usual = super.sort(tests);
    return [...usual].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = TerraformFirst;
