import * as path from 'node:path';

/** The project root: every file the suite reads at run time lives under it (never ../shared). */
export const projectRoot = path.resolve(__dirname, '..');
export const fromRoot = (...segments: string[]): string => path.join(projectRoot, ...segments);
export const reportsDir = (): string => process.env.CONSOLE_REPORTS_DIR ?? fromRoot('reports');
