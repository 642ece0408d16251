/**
 * JUnit XML (the Ant/Jenkins/Surefire dialect CI systems read): a `testsuites` root, one
 * `testsuite` per group, one `testcase` per check, a `failure` with its message when it failed.
 * Every attribute and text is XML-escaped; characters XML 1.0 forbids are dropped. No timestamps
 * or durations, so the file is byte-identical across runs.
 */

export interface JUnitCase {
  name: string;
  classname: string;
  /** The check failed: message (attribute) and optional longer text. */
  failure?: { message: string; type: string; details?: string };
  /** The check did not run, with why. */
  skipped?: string;
}

export interface JUnitSuite {
  name: string;
  cases: JUnitCase[];
  properties?: Record<string, string>;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const count = (cases: readonly JUnitCase[], key: 'failure' | 'skipped') =>
  cases.filter((entry) => entry[key] !== undefined).length;

function renderCase(entry: JUnitCase): string[] {
  const open = `    <testcase name="${escapeXml(entry.name)}" classname="${escapeXml(entry.classname)}"`;
  if (entry.failure === undefined && entry.skipped === undefined) return [`${open}/>`];
  const lines = [`${open}>`];
  if (entry.failure !== undefined) {
    const { message, type, details } = entry.failure;
    lines.push(
      `      <failure message="${escapeXml(message)}" type="${escapeXml(type)}">${escapeXml(details ?? message)}</failure>`,
    );
  }
  if (entry.skipped !== undefined) lines.push(`      <skipped message="${escapeXml(entry.skipped)}"/>`);
  lines.push('    </testcase>');
  return lines;
}

export function renderJUnit(name: string, suites: readonly JUnitSuite[]): string {
  const all = suites.flatMap((suite) => suite.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${all.length}" failures="${count(all, 'failure')}" errors="0" skipped="${count(all, 'skipped')}">`,
  ];
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${escapeXml(suite.name)}" tests="${suite.cases.length}" failures="${count(suite.cases, 'failure')}" errors="0" skipped="${count(suite.cases, 'skipped')}">`,
    );
    const properties = Object.entries(suite.properties ?? {});
    if (properties.length > 0) {
      lines.push('    <properties>');
      for (const [key, value] of properties)
        lines.push(`      <property name="${escapeXml(key)}" value="${escapeXml(value)}"/>`);
      lines.push('    </properties>');
    }
    for (const entry of suite.cases) lines.push(...renderCase(entry));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
