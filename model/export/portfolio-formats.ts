/**
 * The portfolio's export formats, apart from the exporters (as formats.ts is for a plan's): the CLI's arguments and
 * the service's routes check a name without loading docx and exceljs.
 */
export const PORTFOLIO_EXPORTS = ['portfolio-docx', 'portfolio-xlsx'] as const;
export type PortfolioExport = (typeof PORTFOLIO_EXPORTS)[number];

export function isPortfolioExport(value: string): value is PortfolioExport {
  return (PORTFOLIO_EXPORTS as readonly string[]).includes(value);
}
