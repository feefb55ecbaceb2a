import { describe, expect, it } from 'vitest';
import { activityStatus, activityType, educationLevel, exitReason, gender, languageLevels as dbLanguageLevels, targetGroups as dbTargetGroups } from '../../db/schema';
import { activityStatuses, activityTypes, educationLevels, exitReasons, genders, languageLevels, targetGroups } from './aspirant-rules';

describe('aspirant option lists', () => {
  it('mirror the database', () => {
    expect([...genders]).toEqual(gender.enumValues);
    expect([...educationLevels]).toEqual(educationLevel.enumValues);
    expect([...exitReasons]).toEqual(exitReason.enumValues);
    expect([...activityTypes]).toEqual(activityType.enumValues);
    expect([...activityStatuses]).toEqual(activityStatus.enumValues);
    expect([...targetGroups]).toEqual([...dbTargetGroups]);
    expect([...languageLevels]).toEqual([...dbLanguageLevels]);
  });
});
