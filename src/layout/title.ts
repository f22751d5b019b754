/**
 * Title geometry: the title slide (report title with its accent bar, the
 * subtitle, an optional block above the date, the date, the logo) and the
 * closing slide. Pure; sizes in points.
 */
import { CORNER_LOGO, FRAME, fitted, logoOnEverySlide, text, upper, type FrameCtx } from './frame.js';
import { lineHeightPt } from './measure.js';
import type { Box, ImageBox, SlideLayout } from './model.js';

/** Left and right margin of the title and closing slides (wider than a content slide's). */
const TITLE_MARGIN_X_PT = 72;
/** Title: at most two lines, shrinking down to this size first. */
const TITLE_MAX_LINES = 2;
const TITLE_MIN_PT = 24;
const SUBTITLE_MIN_PT = 16;
const SUBTITLE_LINE_SPACING = 1.05;
/** Between the title and the subtitle. */
const TITLE_GAP_PT = 28;
/** The title block is centred in the space above the footer, never above TITLE_MIN_TOP_PT. */
const TITLE_MIN_TOP_PT = 56;
/** Kept free above the footer when centring, and the block's offset down from the centre. */
const FOOTER_CLEARANCE_PT = 40;
const TITLE_CENTRE_OFFSET_PT = 24;
/** The subtitle box stops this far above the footer. */
const SUBTITLE_FOOTER_GAP_PT = 12;
/** The accent bar left of the title: its x, width, and how far it is inset from the title's top and bottom. */
const TITLE_BAR = { x: 48, w: 6, insetPt: 6 } as const;
/** The date: its top edge measured up from the slide's bottom, its size and box width. */
const DATE_FROM_BOTTOM_PT = 64;
const DATE_PT = 16;
const DATE_W_PT = 300;
/** The logo: a square in the top right corner. */
const LOGO = { sizePt: 72, top: 48, right: 72 } as const;
/** Between the title block and the logo's column. */
const LOGO_GAP_PT = 24;
/** The accent line under the closing line. */
const CLOSING_ACCENT = { w: 96, h: 4, gap: 18 } as const;

/** The responsible official: sizes of the heading and the name, the gaps around them, the divider above. */
const RESPONSIBLE = {
  maxLines: 2,
  heading: { maxPt: 14, minPt: 12 },
  name: { maxPt: 18, minPt: 14 },
  /** Between the name and the date. */
  dateGap: 20,
  /** Between the heading and the name. */
  headingGap: 4,
  divider: { above: 14, w: 120, h: 2 },
} as const;

export interface TitleSpec {
  /** The report title, beside the accent bar. */
  title: string;
  /** The big line under it: the direction, or the strategy. */
  subtitle: { name: string; text: string; maxLines: number; maxPt: number };
  /** A block above the date (the responsible official): its boxes and where it starts. */
  footer?: (x: number, w: number, dateY: number) => { boxes: Box[]; top: number };
}

/** A title slide: the title with its accent bar and the subtitle centred above the footer, the date, the logo. */
export function titleSlideOf(ctx: FrameCtx, spec: TitleSpec): SlideLayout[] {
  const { template: t } = ctx;
  const x = TITLE_MARGIN_X_PT;
  const w = ctx.W - x - TITLE_MARGIN_X_PT;
  // The title and the subtitle stop short of the logo's column, so a long title never runs under it.
  const textW = t.images.logo ? ctx.W - x - (LOGO.right + LOGO.sizePt + LOGO_GAP_PT) : w;
  const date = String(ctx.values['date']);
  const titleFit = fitted(spec.title, textW, TITLE_MAX_LINES, {
    maxPt: t.fonts.title_pt,
    minPt: TITLE_MIN_PT,
    bold: true,
    balance: true,
  });
  const subFit = fitted(spec.subtitle.text, textW, spec.subtitle.maxLines, {
    maxPt: spec.subtitle.maxPt,
    minPt: SUBTITLE_MIN_PT,
    bold: true,
    lineSpacing: SUBTITLE_LINE_SPACING,
    balance: true,
  });
  const dateY = ctx.H - DATE_FROM_BOTTOM_PT;
  const footer = spec.footer?.(x, w, dateY) ?? { boxes: [], top: dateY };
  // The title block sits in the middle of the space above the footer.
  const blockH = titleFit.height + TITLE_GAP_PT + subFit.height;
  const titleY = Math.max(TITLE_MIN_TOP_PT, (footer.top - FOOTER_CLEARANCE_PT - blockH) / 2 + TITLE_CENTRE_OFFSET_PT);
  const subY = titleY + titleFit.height + TITLE_GAP_PT;
  const white = t.colors.on_primary;
  const boxes: Box[] = [
    {
      type: 'rect',
      name: 'Акцент',
      x: TITLE_BAR.x,
      y: titleY + TITLE_BAR.insetPt,
      w: TITLE_BAR.w,
      h: titleFit.height - 2 * TITLE_BAR.insetPt,
      fill: t.colors.accent,
    },
    {
      ...text(
        'Заголовок',
        { x, y: titleY, w: titleFit.widthPt, h: titleFit.height },
        [{ text: titleFit.text, bold: true, lines: titleFit.lines }],
        { sizePt: titleFit.sizePt, color: white },
      ),
      title: true,
    },
    text(
      spec.subtitle.name,
      { x, y: subY, w: subFit.widthPt, h: Math.min(subFit.height, footer.top - subY - SUBTITLE_FOOTER_GAP_PT) },
      [{ text: subFit.text, bold: true, lines: subFit.lines }],
      { sizePt: subFit.sizePt, color: white, lineSpacing: SUBTITLE_LINE_SPACING },
    ),
    ...footer.boxes,
    text('Дата', { x, y: dateY, w: DATE_W_PT, h: lineHeightPt({ sizePt: DATE_PT }) }, [{ text: date, lines: [date] }], {
      sizePt: DATE_PT,
      color: white,
    }),
  ];
  if (t.images.logo) boxes.push(titleLogo(ctx));
  return [{ kind: 'title', page: 1, pages: 1, background: t.colors.primary, boxes }];
}

/** The logo of the title slide (and of the closing slide, which shares its look): top right. */
function titleLogo(ctx: FrameCtx): ImageBox {
  return logoBox(ctx.W - LOGO.right - LOGO.sizePt, LOGO.top, LOGO.sizePt);
}

/** A square the renderers fit the picture into with its own proportions (pictures.ts containedIn). */
function logoBox(x: number, y: number, size: number): ImageBox {
  return { type: 'image', name: 'Логотип', x, y, w: size, h: size, alt: 'Логотип', imageKey: 'logo' };
}

/**
 * The logo on every slide besides the title slide when the template asks:
 * right of the heading on content slides (the heading leaves it room,
 * frame.ts), where the title slide has it on the closing slide.
 */
export function placeLogos(ctx: FrameCtx, slides: readonly SlideLayout[]): void {
  if (!logoOnEverySlide(ctx.template)) return;
  for (const s of slides) {
    if (s.kind === 'title') continue;
    s.boxes.push(
      s.kind === 'closing'
        ? titleLogo(ctx)
        : logoBox(ctx.W - FRAME.marginX - CORNER_LOGO.sizePt, FRAME.headingTop, CORNER_LOGO.sizePt),
    );
  }
}

/** The responsible official above the date on a direction's title slide: a divider, the heading, the name. */
export function responsibleFooter(ctx: FrameCtx, headingText: string, name: string): NonNullable<TitleSpec['footer']> {
  const { template: t } = ctx;
  return (x, w, dateY) => {
    const headFit = fitted(headingText, w, RESPONSIBLE.maxLines, RESPONSIBLE.heading);
    const nameFit = fitted(name, w, RESPONSIBLE.maxLines, { ...RESPONSIBLE.name, bold: true });
    const nameY = dateY - RESPONSIBLE.dateGap - nameFit.height;
    const headY = nameY - RESPONSIBLE.headingGap - headFit.height;
    const { divider } = RESPONSIBLE;
    return {
      top: headY,
      boxes: [
        {
          type: 'rect',
          name: 'Разделитель',
          x,
          y: headY - divider.above,
          w: divider.w,
          h: divider.h,
          fill: t.colors.accent,
        },
        text(
          'Ответственный: заголовок',
          { x, y: headY, w, h: headFit.height },
          [{ text: headFit.text, lines: headFit.lines }],
          { sizePt: headFit.sizePt, color: t.colors.table_border },
        ),
        text(
          'Ответственный',
          { x, y: nameY, w, h: nameFit.height },
          [{ text: nameFit.text, bold: true, lines: nameFit.lines }],
          { sizePt: nameFit.sizePt, color: t.colors.on_primary },
        ),
      ],
    };
  };
}

/** The closing line centred on the slide, an accent line under it. */
export function closingSlides(ctx: FrameCtx): SlideLayout[] {
  const { template: t } = ctx;
  const line = upper(ctx, ctx.labels.closing);
  const w = ctx.W - 2 * TITLE_MARGIN_X_PT;
  const f = fitted(line, w, TITLE_MAX_LINES, {
    maxPt: t.fonts.title_pt,
    minPt: TITLE_MIN_PT,
    bold: true,
    balance: true,
  });
  const y = (ctx.H - f.height) / 2;
  return [
    {
      kind: 'closing',
      page: 1,
      pages: 1,
      background: t.colors.primary,
      boxes: [
        {
          ...text(
            'Заключение',
            { x: (ctx.W - f.widthPt) / 2, y, w: f.widthPt, h: f.height },
            [{ text: f.text, bold: true, lines: f.lines }],
            {
              sizePt: f.sizePt,
              color: t.colors.on_primary,
              align: 'center',
            },
          ),
          title: true,
        },
        {
          type: 'rect',
          name: 'Акцент',
          x: (ctx.W - CLOSING_ACCENT.w) / 2,
          y: y + f.height + CLOSING_ACCENT.gap,
          w: CLOSING_ACCENT.w,
          h: CLOSING_ACCENT.h,
          fill: t.colors.accent,
        },
      ],
    },
  ];
}
