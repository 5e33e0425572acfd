// Engine API v1.50 volume, archive and disk-usage types: the JSON of
// /volumes, /containers/{id}/archive and /system/df, with Docker's field names.

import type { ContainerSummary, ImageSummary } from './types.ts';

/** GET /volumes/{name}, and the entries of GET /volumes. */
export interface Volume {
  CreatedAt?: string;
  Driver: string;
  Labels: Record<string, string> | null;
  Mountpoint: string;
  Name: string;
  Options: Record<string, string> | null;
  Scope: 'local' | 'global';
  Status?: Record<string, unknown>;
  /** Only in /system/df: size and reference count (-1 when not computed). */
  UsageData?: { RefCount: number; Size: number } | null;
}

/** POST /volumes/create body. */
export interface VolumeCreateBody {
  Name?: string;
  Driver?: string;
  DriverOpts?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

export interface VolumeListResponse { Volumes: Volume[] | null; Warnings: string[] | null }
export interface VolumesPruneReport { VolumesDeleted: string[] | null; SpaceReclaimed: number }

/** X-Docker-Container-Path-Stat: what HEAD/GET /containers/{id}/archive say about the path. */
export interface ContainerPathStat { name: string; size: number; mode: number; mtime: string; linkTarget: string }

export interface BuildCacheRecord {
  ID: string; Parent?: string; Parents?: string[] | null; Type: string; Description: string;
  InUse: boolean; Shared: boolean; Size: number; CreatedAt: string; LastUsedAt: string | null; UsageCount: number;
}

/** GET /system/df */
export interface DiskUsage {
  LayersSize: number;
  Images: ImageSummary[];
  Containers: ContainerSummary[];
  Volumes: Volume[];
  BuildCache: BuildCacheRecord[];
}
