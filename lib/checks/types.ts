import type { Exchange } from '../http/exchange';
import type { CompiledContract } from '../spec/compiled';
import { boundedStrength, type Basis } from './basis';

/** MUST: the contract says so. SHOULD: HTTP or real-client expectation beyond its letter. INFORMATIONAL: never gates. */
export type Strength = 'MUST' | 'SHOULD' | 'INFORMATIONAL';

export interface Failure {
  check: string;
  operationId: string;
  status?: number;
  strength: Strength;
  /** The requirement, quoted from the contract or the real-client notes where possible. */
  requirement: string;
  /** Why it is a requirement (lib/checks/basis.ts): printed beside Expected/Actual. */
  basis: readonly string[];
  expected: string;
  actual: string;
  /** Where in the response the violation is (a JSON pointer, array indices as *): findings that share it group. */
  pointer?: string;
  exchange?: Exchange;
}

export interface CheckContext {
  contract: CompiledContract;
}

/** One check = one function (Schemathesis): it applies to an exchange or not, and returns a failure or nothing. */
export interface Check {
  name: string;
  title: string;
  requirement: string;
  strength: Strength;
  /** The basis of the requirement; a function where it is the pointer of the exchange's own operation. */
  basis: readonly Basis[] | ((exchange: Exchange) => Basis[]);
  appliesTo(exchange: Exchange, context: CheckContext): boolean;
  run(exchange: Exchange, context: CheckContext): Failure | undefined;
}

const operationIdOf = (exchange: Exchange): string => exchange.operation?.operationId ?? '(no operation)';

export const basisOf = (check: Pick<Check, 'basis'>, exchange: Exchange): readonly Basis[] => (typeof check.basis === 'function' ? check.basis(exchange) : check.basis);

export function failure(check: Pick<Check, 'name' | 'requirement' | 'strength' | 'basis'>, exchange: Exchange, expected: string, actual: string): Failure {
  const basis = basisOf(check, exchange);
  return {
    check: check.name,
    operationId: operationIdOf(exchange),
    status: exchange.response?.status,
    strength: boundedStrength(check.strength, basis),
    requirement: check.requirement,
    basis,
    expected,
    actual,
    exchange,
  };
}

/** A check that runs only on exchanges that produced an HTTP response addressed to a contract operation. */
export const hasDocumentedOperation = (exchange: Exchange): boolean => exchange.response !== undefined && exchange.operation !== undefined;

export const truncate = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** Every value the console, JUnit or a results file shows is at most this long; whole bodies go to Allure only. */
export const PRINT_CAP = 2000;
/** A value capped for printing, saying how much was left out. */
export const cap = (text: string, max = PRINT_CAP): string => (text.length > max ? `${text.slice(0, max)}… ${text.length - max} bytes more` : text);
