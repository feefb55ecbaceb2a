import { pgEnum } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['admin', 'coach', 'employer', 'mentor_coordinator']);
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
export const openingKind = pgEnum('opening_kind', ['stockholmsjobb', 'feriejobb', 'praktik', 'mentor']);
export const openingStatus = pgEnum('opening_status', ['draft', 'published', 'paused', 'filled', 'closed', 'expired']);
export const swedishLevel = pgEnum('swedish_level', ['none', 'basic', 'good', 'fluent']);
export const gender = pgEnum('gender', ['kvinna', 'man', 'annat', 'uppgift_saknas']);
export const educationLevel = pgEnum('education_level', ['forgymnasial', 'gymnasial', 'eftergymnasial']);
export const exitReason = pgEnum('exit_reason', ['arbete', 'studier', 'annat']);
export const activityType = pgEnum('activity_type', [
  'kartlaggning',
  'vagledning',
  'praktik',
  'stockholmsjobb',
  'studier',
  'sprakstod',
  'mentor',
  'annat',
]);
export const activityStatus = pgEnum('activity_status', ['planned', 'ongoing', 'done', 'cancelled']);
