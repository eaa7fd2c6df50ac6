import { REDISCLOSURE_NOTICE } from '../../shared/domain/confidentiality';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Chromium's footer template for printToPDF: the 42 CFR part 2 notice and the page number at the foot of every
 * page. Added by the main process, so no page can leave it out.
 */
export function redisclosureFooter(): string {
  return (
    '<div style="width:100%;margin:0 0.5in;font-family:sans-serif;font-size:6.5px;line-height:1.25;color:#333;">' +
    `<div>${escapeHtml(REDISCLOSURE_NOTICE)}</div>` +
    '<div style="text-align:right;margin-top:2px;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>' +
    '</div>'
  );
}

/** Inches: room at the foot of each page for the notice. */
export const PDF_MARGINS = { top: 0.5, bottom: 1.0, left: 0.5, right: 0.5 } as const;
