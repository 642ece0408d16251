/**
 * The GitHub Actions workflow `routesim init` writes (docs/ci/github-actions.yml is the same text,
 * checked by a test). On every pull request: simulate the scenario, compare with the committed
 * baseline, write both to the job summary, post them as a pull-request comment when the token
 * may, upload the reports, and fail last — after everything was reported.
 *
 * Expressions (`${{ … }}`) stay out of `run:` scripts: values reach them through `env:`, so a
 * branch name or title can never be injected into a shell command.
 */
import { STARTER_PATHS } from './starter-scenario.ts';

export interface WorkflowOptions {
  /** The repository has a package-lock.json: `npm ci` with the npm cache, else `npm install`. */
  lockfile: boolean;
}

const REPORTS = 'reports/routesim';

export function starterWorkflow(options: WorkflowOptions): string {
  const install = options.lockfile
    ? `      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: npm

      - name: Install
        run: npm ci`
    : `      - uses: actions/setup-node@v4
        with:
          node-version: 24

      # No package-lock.json when this was written: commit one and use \`npm ci\` here.
      - name: Install
        run: npm install`;
  return `# routesim: simulate the routing scenario on every pull request, compare the run with the committed
# baseline, write both to the job summary and, when the token may, as a pull-request comment.
# Written by \`routesim init\` (docs: node_modules/routesim/docs/ci/README.md).
#
# Exit codes of routesim: 0 all pass, 99 a scenario threshold or a compare tolerance failed,
# 2 invalid input, 1 runtime error. The last step fails the job after everything was reported.
name: routesim

on:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read
  # For the comment. A pull request from a fork gets a read-only token: the comment is skipped
  # (the step says so) and the job summary still has everything.
  pull-requests: write

jobs:
  routesim:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4

${install}

      # A failed scenario threshold exits 99; summary.md and the JUnit file are written either way.
      - name: Simulate
        id: simulate
        continue-on-error: true
        run: npx routesim simulate ${STARTER_PATHS.scenario} --out ${REPORTS} --junit ${REPORTS}/thresholds.junit.xml

      # Exit 99 on a regression beyond the tolerances. Until a baseline is committed (routesim init
      # writes one; refresh it with the commands in the docs) this passes and says so.
      # --format markdown also appends the comparison to the job summary.
      - name: Compare with the baseline
        id: compare
        continue-on-error: true
        run: >
          npx routesim compare ${REPORTS} --baseline ${STARTER_PATHS.baseline}
          --allow-missing-baseline
          --max-cost-increase 5% --max-quality-drop 1pt --max-p95-increase 10%
          --format markdown --out ${REPORTS}/compare.md

      - name: Job summary
        if: always()
        run: |
          if [ -f ${REPORTS}/summary.md ]; then
            cat ${REPORTS}/summary.md >> "$GITHUB_STEP_SUMMARY"
          else
            echo "routesim simulate wrote no summary: see the Simulate step's log." >> "$GITHUB_STEP_SUMMARY"
          fi

      - name: Comment on the pull request
        if: always() && github.event_name == 'pull_request'
        env:
          GH_TOKEN: \${{ github.token }}
          PR_NUMBER: \${{ github.event.pull_request.number }}
        run: |
          cat ${REPORTS}/compare.md ${REPORTS}/summary.md > ${REPORTS}/comment.md 2>/dev/null || true
          [ -s ${REPORTS}/comment.md ] || exit 0
          gh pr comment "$PR_NUMBER" --body-file ${REPORTS}/comment.md --edit-last --create-if-none \\
            || gh pr comment "$PR_NUMBER" --body-file ${REPORTS}/comment.md \\
            || echo "::notice::No pull-request comment: this token cannot write to pull requests (a fork?). The job summary has the same Markdown."

      - name: Upload the reports
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: routesim-reports
          path: |
            ${REPORTS}/results.json
            ${REPORTS}/summary.md
            ${REPORTS}/summary.csv
            ${REPORTS}/compare.md
            ${REPORTS}/*.junit.xml
            ${REPORTS}/report.html
          if-no-files-found: warn

      - name: Fail on a threshold or a regression
        if: steps.simulate.outcome == 'failure' || steps.compare.outcome == 'failure'
        env:
          SIMULATE: \${{ steps.simulate.outcome }}
          COMPARE: \${{ steps.compare.outcome }}
        run: |
          echo "simulate: $SIMULATE, compare: $COMPARE (see the job summary)"
          exit 1
`;
}
