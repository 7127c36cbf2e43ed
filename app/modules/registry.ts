// Every aggregate of the app, one line each. What walks over all of them (the history panel,
// the dashboard's recent changes, later reminders, notifications and reports) reads this list.
import { actionAggregate } from "./action/words";
import { invitationAggregate, membershipAggregate, userAggregate } from "./account/words";
import { auditAggregate, auditResultAggregate, findingAggregate } from "./audit/words";
import type { AggregateDescriptor } from "./descriptor";
import { indicatorAggregate, indicatorSeasonAggregate, indicatorValueAggregate } from "./indicator/words";
import { labelAggregate } from "./label/words";
import { meetingAggregate, meetingSeriesAggregate } from "./meeting/words";
import { officeAggregate, siteAggregate } from "./office/words";
import { personAggregate } from "./person/words";
import { procedureSheetAggregate } from "./procedure/words";
import { questionnaireAggregate, questionnaireResponseAggregate } from "./questionnaire/words";
import { referentialAggregate } from "./referential/words";
import { registerEntryAggregate } from "./register/words";

export const AGGREGATES = [
  officeAggregate,
  siteAggregate,
  personAggregate,
  userAggregate,
  membershipAggregate,
  invitationAggregate,
  referentialAggregate,
  labelAggregate,
  auditAggregate,
  auditResultAggregate,
  findingAggregate,
  actionAggregate,
  meetingSeriesAggregate,
  meetingAggregate,
  registerEntryAggregate,
  indicatorAggregate,
  indicatorSeasonAggregate,
  indicatorValueAggregate,
  procedureSheetAggregate,
  questionnaireAggregate,
  questionnaireResponseAggregate,
] as const;

export type EntityType = (typeof AGGREGATES)[number]["type"];

const BY_TYPE = new Map<string, AggregateDescriptor>(AGGREGATES.map((a) => [a.type, a]));

export function aggregateOf(type: string): AggregateDescriptor | undefined {
  return BY_TYPE.get(type);
}

export function isEntityType(type: string): type is EntityType {
  return BY_TYPE.has(type);
}
