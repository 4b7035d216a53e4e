import path from 'node:path';
import { MINIAPP_DIR } from './paths.js';

/** The two H5 builds under test: the standard app and the elder edition (敬老版) as build-time default. */
export const EDITIONS = ['standard', 'elder'] as const;
export type Edition = (typeof EDITIONS)[number];

/** The Taro build target of an edition's H5 app and the folder it writes. */
export const h5Target = (edition: Edition): 'h5' | 'h5-elder' => (edition === 'elder' ? 'h5-elder' : 'h5');
export const h5Dir = (edition: Edition): string => path.join(MINIAPP_DIR, 'dist', h5Target(edition));

/** An edition of the H5 app, or the staff console: each has its own artifacts folder. */
export type ArtifactFolder = Edition | 'console';
