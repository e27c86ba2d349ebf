import * as fs from 'node:fs';
import * as path from 'node:path';
import { truncate } from '../checks/types';
import { reportsDir } from '../paths';
import { ERRATA_RULES } from './errata';
import { ALL_RULES } from './rules';
import { atLeast, SEVERITIES, type DiffResult, type Finding, type Severity } from './types';

/** Findings of one operation (or `components`, `errata`), in the order the comparison found them. */
interface Group {
  key: string;
  title: string;
  clients: string[];
  findings: Finding[];
}

function groups(result: DiffResult): Group[] {
  const byKey = new Map<string, Group>();
  for (const finding of result.findings) {
    let group = byKey.get(finding.operation);
    if (!group) {
      group = { key: finding.operation, title: finding.endpoint ? `${finding.endpoint}  (${finding.operation})` : finding.operation, clients: finding.clients, findings: [] };
      byKey.set(finding.operation, group);
    }
    group.findings.push(finding);
  }
  const rank = (finding: Finding) => SEVERITIES.indexOf(finding.severity);
  return [...byKey.values()].map((group) => ({ ...group, findings: [...group.findings].sort((a, b) => rank(a) - rank(b)) }));
}

const clientsText = (clients: string[]): string => (clients.length > 0 ? clients.join(', ') : 'none known');
const countsText = (result: DiffResult): string => SEVERITIES.map((severity) => `${result.counts[severity]} ${severity}`).join(', ');
export const gates = (result: DiffResult, failOn: Severity): boolean => result.findings.some((finding) => atLeast(finding.severity, failOn));

/** Console lines per group at most, and findings of one rule listed one by one at most; the rest is in the reports. */
const LINES_PER_GROUP = 12;
const SAME_RULE_LISTED = 3;

function consoleLines(group: Group): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const finding of group.findings) {
    const key = `${finding.severity} ${finding.rule}`;
    if (seen.has(key)) continue;
    const same = group.findings.filter((other) => `${other.severity} ${other.rule}` === key);
    if (same.length > SAME_RULE_LISTED) {
      seen.add(key);
      lines.push(`  ${finding.severity.padEnd(7)} ${finding.rule} ×${same.length}: ${truncate(same.map((other) => other.where).join(', '), 200)}`);
      continue;
    }
    lines.push(`  ${finding.severity.padEnd(7)} ${finding.rule}  ${truncate(`${finding.where}: ${finding.message}`, 300)}`);
    const sides = [finding.base && `BASE #${finding.base.pointer}`, finding.head && `HEAD #${finding.head.pointer}`].filter(Boolean).join('  ');
    if (finding.severity !== 'INFO' && sides) lines.push(`          ${truncate(sides, 300)}`);
  }
  return lines.length > LINES_PER_GROUP ? [...lines.slice(0, LINES_PER_GROUP - 1), `  … ${lines.length - LINES_PER_GROUP + 1} more lines in the reports`] : lines;
}

export function renderConsole(result: DiffResult, failOn: Severity, files: string[]): string {
  const out = [`contract-diff: BASE ${result.base} → HEAD ${result.head}`, ''];
  for (const group of groups(result)) {
    out.push(`${group.title}${group.key === 'components' || group.key === 'errata' ? '' : `  — clients: ${clientsText(group.clients)}`}`, ...consoleLines(group), '');
  }
  if (result.unchanged.length > 0) out.push(`unchanged: ${truncate(result.unchanged.join(', '), 600)}`, '');
  out.push(`reports: ${files.join(', ')}`);
  out.push(`${result.findings.length} change${result.findings.length === 1 ? '' : 's'}: ${countsText(result)}; ${result.unchanged.length} operations unchanged${gates(result, failOn) ? ` — fails (--fail-on ${failOn})` : ''}`);
  return out.join('\n');
}

const cell = (text: string | undefined): string => (text ? truncate(text, 400).replace(/\|/g, '\\|').replace(/\n/g, ' ') : '');
const code = (text: string | undefined): string => (text === undefined ? '' : `\`${cell(text)}\``);

export function renderMarkdown(result: DiffResult, failOn: Severity): string {
  const lines = [
    '# Contract diff (npm run contract-diff)',
    '',
    `BASE \`${result.base}\` → HEAD \`${result.head}\`. ERROR breaks an existing client, WARNING may break one, INFO is compatible.`,
    `The gate fails on ${failOn}${failOn === 'ERROR' ? '' : ' or worse'}: ${gates(result, failOn) ? '**it fails**' : 'it passes'}.`,
    '',
    '| ERROR | WARNING | INFO | operations unchanged |',
    '|---|---|---|---|',
    `| ${result.counts.ERROR} | ${result.counts.WARNING} | ${result.counts.INFO} | ${result.unchanged.length} |`,
    '',
  ];
  for (const group of groups(result)) {
    lines.push(`## ${group.title}`, '');
    if (group.key !== 'components' && group.key !== 'errata') lines.push(`Clients: ${clientsText(group.clients)}`, '');
    lines.push('| severity | rule | where | change | BASE pointer | HEAD pointer |', '|---|---|---|---|---|---|');
    for (const finding of group.findings) {
      lines.push(`| ${finding.severity} | ${finding.rule} | ${cell(finding.where)} | ${cell(finding.message)} | ${code(finding.base?.pointer)} | ${code(finding.head?.pointer)} |`);
    }
    lines.push('');
  }
  lines.push('## Unchanged operations', '', ...(result.unchanged.length > 0 ? result.unchanged.map((id) => `- ${id}`) : ['none']), '');
  lines.push('## Rules', '', '| rule | finds |', '|---|---|', ...[...ALL_RULES, ...ERRATA_RULES].map((rule) => `| ${rule.name} | ${cell(rule.title)} |`), '');
  return lines.join('\n');
}

const xml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

/** JUnit: one testsuite per operation, one testcase per finding; a finding at or above --fail-on is a failure. */
export function renderJunit(result: DiffResult, failOn: Severity): string {
  const suites = groups(result).map((group) => {
    const failures = group.findings.filter((finding) => atLeast(finding.severity, failOn)).length;
    const cases = group.findings.map((finding) => {
      const name = xml(`${finding.severity} ${finding.rule} › ${truncate(finding.where, 200)}`);
      const detail = xml(truncate([finding.message, finding.base && `BASE #${finding.base.pointer}`, finding.head && `HEAD #${finding.head.pointer}`, `clients: ${clientsText(finding.clients)}`].filter(Boolean).join('\n'), 2000));
      const body = atLeast(finding.severity, failOn) ? `<failure message="${xml(truncate(finding.message, 300))}" type="${finding.severity}">${detail}</failure>` : `<system-out>${detail}</system-out>`;
      return `    <testcase classname="${xml(group.key)}" name="${name}">${body}</testcase>`;
    });
    return [`  <testsuite name="${xml(group.key)}" tests="${group.findings.length}" failures="${failures}">`, ...cases, '  </testsuite>'].join('\n');
  });
  // A run without changes still reports one passing testcase, so CI never reads it as "no tests ran".
  if (suites.length === 0) suites.push(`  <testsuite name="contract-diff" tests="1" failures="0">\n    <testcase classname="contract-diff" name="no change between BASE and HEAD"/>\n  </testsuite>`);
  const total = Math.max(1, result.findings.length);
  const failures = result.findings.filter((finding) => atLeast(finding.severity, failOn)).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(`contract-diff ${result.base} → ${result.head}`)}" tests="${total}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** Writes reports/contract-diff.{md,json,junit.xml} (CONSOLE_REPORTS_DIR honoured) and returns their paths. */
export function writeReports(result: DiffResult, failOn: Severity, directory = reportsDir()): string[] {
  fs.mkdirSync(directory, { recursive: true });
  const files = {
    'contract-diff.md': renderMarkdown(result, failOn),
    'contract-diff.json': JSON.stringify({ ...result, failOn, fails: gates(result, failOn) }, null, 2) + '\n',
    'contract-diff.junit.xml': renderJunit(result, failOn),
  };
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(directory, name);
    fs.writeFileSync(file, text);
    return file;
  });
}
