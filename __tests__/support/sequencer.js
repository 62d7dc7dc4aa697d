// Test order: files that run the Terraform check first (they mostly wait for terraform, which
// then works on one core while the other worker runs the rest), then jest's usual order
// (slowest and failed first, from its timing cache).
const Sequencer = require("@jest/test-sequencer").default;

const TERRAFORM_FIRST = [/[\\/]__tests__[\\/]terraform\.test\.ts$/];

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
