import type { PrivacyInfoResponse } from '@common-ground/shared/api';
import { useEffect, useState } from 'react';
import { leanApi } from '../app/leanApi';

/** What the notice shows until the operator's settings arrive, or when they cannot be read: placeholders. */
export const UNKNOWN_OPERATOR: PrivacyInfoResponse = {
  operatorName: null,
  operatorContact: null,
  dpoContact: null,
  imprintUrl: null,
  accessibilityUrl: null,
  accessibilityContact: null,
  notices: {},
  retentionMonths: 0,
};

// One request per page load: the settings change only with a server restart, and several parts show them.
let pending: Promise<PrivacyInfoResponse> | null = null;

/** Starts reading the settings (the join page does so beside the invite, so neither waits for the other). */
export function preloadPrivacyInfo(): Promise<PrivacyInfoResponse> {
  pending ??= leanApi.privacy().catch((error: unknown) => {
    // A failed read is tried again by the next page that needs it (the network may be back).
    pending = null;
    throw error;
  });
  return pending;
}

/**
 * The operator's privacy settings; null while loading. Unreadable settings (offline) count as unset, so the
 * notice shows its placeholders rather than nothing: a person still learns what is stored and their rights.
 */
export function usePrivacyInfo(): PrivacyInfoResponse | null {
  const [info, setInfo] = useState<PrivacyInfoResponse | null>(null);
  useEffect(() => {
    let current = true;
    preloadPrivacyInfo().then(
      (loaded) => {
        if (current) setInfo(loaded);
      },
      () => {
        if (current) setInfo(UNKNOWN_OPERATOR);
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return info;
}
