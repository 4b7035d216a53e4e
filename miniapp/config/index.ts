import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// `TARO_ENV` is set by `taro build --type <platform>`.
const platform = process.env.TARO_ENV ?? 'weapp';
// Elder edition (敬老版) as the build-time default: TARO_APP_EDITION=elder → dist/<platform>-elder.
const edition = process.env.TARO_APP_EDITION === 'elder' ? 'elder' : 'standard';
const outputRoot = `dist/${platform}${edition === 'elder' ? '-elder' : ''}`;
// H5 is served by the BFF itself, so it calls the API on its own origin. The mini-programs need an
// absolute base (their request domain); TARO_APP_API_BASE overrides the local default.
const apiBase = process.env.TARO_APP_API_BASE ?? (platform === 'h5' ? '' : 'http://127.0.0.1:3000');

/**
 * The contract package is consumed from its TypeScript source (the `cityhealth-source` export
 * condition, as the BFF does), so the app never waits for a build of it; its modules import each
 * other with `.js` suffixes that name `.ts` files.
 */
const sharedTypesDir = path.resolve(__dirname, '..', '..', 'shared-types', 'src');
function resolveSharedSource(chain: { resolve: { set: (key: string, value: unknown) => unknown } }) {
  chain.resolve.set('conditionNames', ['cityhealth-source', 'browser', 'import', 'module', 'require', 'default']);
  chain.resolve.set('extensionAlias', { '.js': ['.ts', '.js'] });
}

/**
 * The devtools' project files live at the repository root (so the root can also be opened in a
 * devtool); Taro only looks for them in this folder, so they are copied into the output here with
 * the source root rewritten to the output folder itself (as Taro does for its own copy).
 */
const PROJECT_FILES: Record<string, { src: string; dist: string; rootKey: string }> = {
  weapp: { src: 'project.config.json', dist: 'project.config.json', rootKey: 'miniprogramRoot' },
  alipay: { src: 'project.alipay.json', dist: 'mini.project.json', rootKey: 'miniprogramRoot' },
  swan: { src: 'project.swan.json', dist: 'project.swan.json', rootKey: 'smartProgramRoot' },
};

function projectFilePatterns() {
  const file = PROJECT_FILES[platform];
  if (!file) return [];
  const from = path.resolve(__dirname, '..', '..', file.src);
  if (!fs.existsSync(from)) return [];
  return [
    {
      from,
      to: `${outputRoot}/${file.dist}`,
      transform: (content: Buffer) => {
        const json = JSON.parse(content.toString('utf8')) as Record<string, unknown>;
        json[file.rootKey] = './';
        if (process.env.TARO_APP_ID) json.appid = process.env.TARO_APP_ID;
        return JSON.stringify(json, null, 2);
      },
    },
  ];
}

/** The browser asks every site for /favicon.ico: H5 has one (the mini-programs show their own icon). */
function h5Patterns() {
  return platform === 'h5' ? [{ from: 'src/assets/favicon.ico', to: `${outputRoot}/favicon.ico` }] : [];
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cityhealth-miniapp',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {
      __EDITION__: JSON.stringify(edition),
      __API_BASE__: JSON.stringify(apiBase),
    },
    sass: { data: `$edition: ${edition};` },
    copy: { patterns: [...projectFilePatterns(), ...h5Patterns()], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedTypesDir] },
      webpackChain: resolveSharedSource,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      compile: { include: [sharedTypesDir] },
      webpackChain: resolveSharedSource,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
});
