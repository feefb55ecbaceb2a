import { pgEnum } from 'drizzle-orm/pg-core';
import { activityStatuses, activityTypes, educationLevels, exitReasons, genders } from '../../app/aspirants/aspirant-rules';
import { openingKinds, openingStatuses, swedishLevels } from '../../app/openings/opening-rules';
import { endReasons, followUpOutcomes, matchStatuses } from '../../app/matching/match-rules';
import { applicationStatuses, offerStatuses, runStatuses } from '../../app/feriejobb/feriejobb-status';
import { mentorStatuses, pairOutcomes, pairStatuses } from '../../app/mentoring/mentor-rules';

// Value lists that forms and rules also use are defined once, in the pure rule modules, and
// the database enums are built from them.

export const userRole = pgEnum('user_role', ['admin', 'coach', 'employer', 'mentor_coordinator', 'feriejobb_coordinator']);
export const organizationKind = pgEnum('organization_kind', [
  'integrationspakt_member',
  'city_unit',
  'supplier',
]);
export const cityUnitType = pgEnum('city_unit_type', ['namnd', 'stadsdelsforvaltning', 'bolag']);
export const membershipLevel = pgEnum('membership_level', ['member', 'plus']);
export const emailStatus = pgEnum('email_status', ['pending', 'sent', 'dead']);
export const searchOp = pgEnum('search_op', ['upsert', 'delete']);
export const tokenPurpose = pgEnum('token_purpose', ['reset', 'invite']);
export const openingKind = pgEnum('opening_kind', openingKinds);
export const openingStatus = pgEnum('opening_status', openingStatuses);
export const swedishLevel = pgEnum('swedish_level', swedishLevels);
export const gender = pgEnum('gender', genders);
export const educationLevel = pgEnum('education_level', educationLevels);
export const exitReason = pgEnum('exit_reason', exitReasons);
export const activityType = pgEnum('activity_type', activityTypes);
export const activityStatus = pgEnum('activity_status', activityStatuses);
export const matchStatus = pgEnum('match_status', matchStatuses);
export const endReason = pgEnum('end_reason', endReasons);
export const followUpOutcome = pgEnum('follow_up_outcome', followUpOutcomes);
export const feriejobbApplicationStatus = pgEnum('feriejobb_application_status', applicationStatuses);
export const feriejobbRunStatus = pgEnum('feriejobb_run_status', runStatuses);
export const feriejobbOfferStatus = pgEnum('feriejobb_offer_status', offerStatuses);
export const mentorStatus = pgEnum('mentor_status', mentorStatuses);
export const mentorPairStatus = pgEnum('mentor_pair_status', pairStatuses);
export const mentorPairOutcome = pgEnum('mentor_pair_outcome', pairOutcomes);
