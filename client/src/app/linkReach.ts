import type { LinkReach } from '@common-ground/shared/api';
import { useEffect, useState } from 'react';
import { leanApi } from './leanApi';

/**
 * Whether the links this server hands out can be opened from a phone (GET /api/config): asked each time a screen
 * that hands out links opens, since a restart in round-table mode changes it. null = not known (yet, or offline).
 */
export function useLinkReach(): LinkReach | null {
  const [reach, setReach] = useState<LinkReach | null>(null);
  useEffect(() => {
    let active = true;
    leanApi.config().then(
      (config) => {
        if (active) setReach(config.linksReachable);
      },
      // Unknown: no warning rather than a wrong one.
      () => {},
    );
    return () => {
      active = false;
    };
  }, []);
  return reach;
}
