export * from './decision';
export * from './decisionRule';
export * from './equal';
export * from './health';
export * from './networkAccess';
export * from './textDiff';
export * from './voiceBalance';
export * from './wording';
