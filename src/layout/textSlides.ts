/**
 * Slides of text: a list flowing over as many slides as it needs (tasks,
 * events, a long result), and the goal as one statement on a card. Pure;
 * sizes in points.
 */
import type { Event } from '../content/schema.js';
import { chooseFlow, WIDTH_SLACK, type FlowItem } from './flow.js';
import { continued, continuedTitle, FRAME, heading, text, type FrameCtx } from './frame.js';
import { fitFontSize, lineHeightPt } from './measure.js';
import type { SlideLayout } from './model.js';
import { typeset } from './typeset.js';

/** The goal card: padding inside it, its accent stripe, the largest goal text and its line spacing. */
const GOAL_PAD_PT = 28;
const GOAL_STRIPE_W_PT = 8;
const GOAL_MAX_PT = 28;
const GOAL_LINE_SPACING = 1.1;

/** Space before list items, as a multiple of the font size. */
const SPACE_BEFORE_EM = { task: 0.45, eventGroup: 0.8, eventLabel: 0.3, eventItem: 0.25 } as const;

/** A list under a heading, at one size on every slide, continued on further slides (title «… (продолжение)»). */
export function flowSlides(
  ctx: FrameCtx,
  kind: SlideLayout['kind'],
  title: string,
  items: FlowItem[],
  maxPt: number,
): SlideLayout[] {
  const { template: t } = ctx;
  // The heading of a continued slide is longer: lay content out under the taller one.
  const probe = heading(ctx, continued(ctx, title, 2));
  const top = probe.contentTop;
  const settings = {
    widthPt: ctx.W - 2 * FRAME.marginX,
    heightPt: ctx.H - FRAME.bottomMargin - top,
    lineSpacing: FRAME.bodyLineSpacing,
  };
  const choice = chooseFlow(items, settings, {
    maxPt,
    minPt: t.fonts.body_min_pt,
    comfortablePt: FRAME.comfortableBodyPt,
  });
  return choice.pages.map((paragraphs, i) => {
    const h = heading(ctx, continued(ctx, title, i + 1));
    const body = text('Текст', { x: FRAME.marginX, y: top, w: settings.widthPt, h: settings.heightPt }, paragraphs, {
      sizePt: choice.sizePt,
      color: t.colors.text,
      lineSpacing: FRAME.bodyLineSpacing,
    });
    return {
      kind,
      page: i + 1,
      pages: choice.pages.length,
      background: t.colors.background,
      boxes: [...h.boxes, body],
    };
  });
}

/** The goal on a card in the middle of the slide; a goal too long for one slide at a comfortable size flows like a list. */
export function goalSlides(ctx: FrameCtx, title: string, raw: string): SlideLayout[] {
  const { template: t } = ctx;
  const goal = typeset(raw);
  const h = heading(ctx, title);
  const pad = GOAL_PAD_PT;
  const cardX = FRAME.marginX;
  const cardW = ctx.W - 2 * FRAME.marginX;
  const available = ctx.H - FRAME.bottomMargin - h.contentTop;
  const inner = { widthPt: cardW - 2 * pad - GOAL_STRIPE_W_PT, heightPt: available - 2 * pad };
  const fit = fitFontSize(
    goal,
    { widthPt: inner.widthPt * WIDTH_SLACK, heightPt: inner.heightPt },
    {
      maxPt: GOAL_MAX_PT,
      minPt: Math.max(t.fonts.body_min_pt, FRAME.comfortableBodyPt),
      spacing: GOAL_LINE_SPACING,
      stepPt: 1,
    },
  );
  if (!fit) return flowSlides(ctx, 'goal', title, [{ text: goal }], t.fonts.body_max_pt);
  const textH = fit.lines.length * lineHeightPt({ sizePt: fit.sizePt }, GOAL_LINE_SPACING);
  const cardH = Math.min(available, textH + 2 * pad);
  const cardY = h.contentTop + (available - cardH) / 2;
  return [
    {
      kind: 'goal',
      page: 1,
      pages: 1,
      background: t.colors.background,
      boxes: [
        ...h.boxes,
        { type: 'rect', name: 'Подложка цели', x: cardX, y: cardY, w: cardW, h: cardH, fill: t.colors.table_stripe },
        { type: 'rect', name: 'Черта цели', x: cardX, y: cardY, w: GOAL_STRIPE_W_PT, h: cardH, fill: t.colors.accent },
        text(
          'Цель',
          { x: cardX + GOAL_STRIPE_W_PT + pad, y: cardY + pad, w: inner.widthPt, h: textH },
          [{ text: goal, lines: fit.lines }],
          {
            sizePt: fit.sizePt,
            color: t.colors.text,
            lineSpacing: GOAL_LINE_SPACING,
          },
        ),
      ],
    },
  ];
}

/** The tasks as a bulleted list. */
export function taskItems(tasks: readonly string[]): FlowItem[] {
  return tasks.map((task) => ({ text: task, bullet: true, spaceBeforeEm: SPACE_BEFORE_EM.task }));
}

/**
 * The events: each group's numbered title, its label in italics, its items
 * as bullets. A slide that goes on with a group's items starts with the
 * group's title and `continuedMark` («(продолжение)»).
 */
export function eventItems(events: readonly Event[], titleColor: string, continuedMark: string): FlowItem[] {
  const items: FlowItem[] = [];
  events.forEach((group, i) => {
    // As in the seed: a title followed directly by its items ends with a colon; with a label, the label has it.
    const colon = group.items.length > 0 && !group.label && !/[:.!?;]$/.test(group.title) ? ':' : '';
    const title = {
      text: `${i + 1}. ${group.title}${colon}`,
      bold: true,
      color: titleColor,
      spaceBeforeEm: SPACE_BEFORE_EM.eventGroup,
    };
    items.push({ ...title, keepWithNext: group.items.length > 0 || !!group.label });
    const repeat: FlowItem = { ...title, text: continuedTitle(title.text, continuedMark) };
    if (group.label)
      items.push({
        text: group.label,
        italic: true,
        spaceBeforeEm: SPACE_BEFORE_EM.eventLabel,
        keepWithNext: group.items.length > 0,
        repeat,
      });
    for (const item of group.items)
      items.push({ text: item, bullet: true, spaceBeforeEm: SPACE_BEFORE_EM.eventItem, repeat });
  });
  return items;
}
