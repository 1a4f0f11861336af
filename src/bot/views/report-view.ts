import { manyDaysThreshold, reportPeriods } from "../../domain/school-report";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import type { SchoolReportResult } from "../../usecases/school-report";
import { stepNumberLine } from "../../domain/status";

/** The data bound to cards/report.json: the school's figures for the period, without names, and a choice of period. */
export function buildReportView(report: SchoolReportResult, language: Language): Record<string, unknown> {
  const m = messagesFor(language).report;
  const onLadder = report.onSteps.reduce((sum, s) => sum + s.pupils, 0);
  const steps = report.onSteps
    .map((s) => `${stepNumberLine({ ladder: report.school.ladder, step: s.step }, language)}: ${s.pupils}`)
    .join(" · ");
  const x = report.measures;
  const facts = [
    { title: m.pupils, value: String(report.pupils) },
    { title: m.onLadder, value: steps ? `${onLadder} (${steps})` : "0" },
    { title: m.reached, value: String(report.reachedInPeriod) },
    { title: m.waiting, value: fill(m.waitingValue, { count: report.waiting, overdue: report.overdue }) },
    { title: m.followedUp, value: String(report.followedUp) },
    { title: fill(m.manyDays, { threshold: manyDaysThreshold }), value: String(report.manyDays) },
    { title: m.measuresAgreed, value: `${x.agreed} · ${x.active}` },
    {
      title: m.measuresEvaluated,
      value: fill(m.measuresEvaluatedValue, {
        count: x.evaluated,
        worked: x.worked,
        partly: x.partly,
        noEffect: x.noEffect,
      }),
    },
    { title: m.consent, value: `${report.consent.given} · ${report.consent.refused} · ${report.consent.withdrawn}` },
    { title: m.services, value: String(report.pupilsWithServices) },
    { title: m.closed, value: fill(m.closedValue, { count: report.closed.total, ...report.closed }) },
  ];
  return {
    title: fill(m.title, { school: report.school.name }),
    subtitle: fill(m.subtitle, { from: shortDate(report.from), to: shortDate(report.to) }),
    facts,
    periodLabel: m.periodLabel,
    period: report.period,
    periods: reportPeriods.map((p) => ({ title: m.periods[p], value: p })),
    refresh: m.refresh,
    data: { schoolId: report.school.id },
  };
}
