// Allure 3 (the `allure` npm package, no Java): `npm run report` renders reports/allure-results.
// The history file keeps trends between runs.
export default {
  name: 'FLECS Console API conformance',
  output: './reports/allure-report',
  historyPath: './reports/allure-history.jsonl',
};
