import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { api } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { EmptyState, NotReadyPage } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { dateTime } from '../../utils/time';
import { ChoiceChips } from './components/choice-chips';
import { SharePanel } from './components/share-panel';
import { imageSrc, imagesExpired, statusWords } from './records.logic';
import './records.scss';

/** One study: its report, the series, the images with CT windows, zoom by the platform's viewer, sharing. */
export default function StudyPage() {
  const { patientId = '', hospitalId = '', studyId = '' } = useRouter().params;
  const { state, reload } = useRemote(
    () => api.study(patientId, studyId, hospitalId),
    [patientId, studyId, hospitalId],
  );
  const [seriesIdx, setSeriesIdx] = useState(0);
  const [imageIdx, setImageIdx] = useState(0);
  const [windowId, setWindowId] = useState('');
  const [imageState, setImageState] = useState<'loading' | 'ready' | 'failed'>('loading');

  // Coming back after a while: the image links may have expired, so the study is read again.
  useDidShow(() => {
    if (state.kind === 'ready' && imagesExpired(state.data.imagesExpireAt)) void reload();
  });

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const s = state.data;
  const series = s.series[Math.min(seriesIdx, s.series.length - 1)];
  const images = series?.images ?? [];
  const image = images[Math.min(imageIdx, images.length - 1)];
  const src = (url: string) => imageSrc(__API_BASE__, url, windowId || null);

  /** Shows another image; an expired set of links is read again first. */
  function go(next: () => void) {
    next();
    setImageState('loading');
    if (imagesExpired(s.imagesExpireAt)) void reload();
  }

  function onImageError() {
    // IMAGE_LINK_EXPIRED: the links of the study are issued again; anything else is said in the page.
    if (imagesExpired(s.imagesExpireAt)) void reload();
    else setImageState('failed');
  }

  function zoom() {
    if (!image) return;
    void Taro.previewImage({ current: src(image.url), urls: images.map((i) => src(i.url)) });
  }

  return (
    <PageShell className="records">
      <Section>
        <View className="records__card-head">
          <Text className="records__heading" data-testid="study-title">
            {s.description}
          </Text>
          <Text className="records__badge">{s.modalityWords}</Text>
        </View>
        <Text className="records__line">{s.hospitalName}</Text>
        {s.bodyPart && <Text className="records__line">部位：{s.bodyPart}</Text>}
        {s.startedAt && <Text className="records__line">检查时间：{dateTime(s.startedAt)}</Text>}
        <Text className="records__line">
          {s.seriesCount} 个序列 · {s.imageCount} 张图像
        </Text>
      </Section>

      {s.report && (
        <Section title={`检查报告（${statusWords(s.report.status)}）`}>
          {s.report.conclusion ? (
            <Text className="records__paragraph" data-testid="study-report">
              {s.report.conclusion}
            </Text>
          ) : (
            <Text className="records__line">报告尚未出具</Text>
          )}
          {s.report.performer && <Text className="records__line">报告医生：{s.report.performer}</Text>}
          {s.report.issuedAt && <Text className="records__line">报告时间：{dateTime(s.report.issuedAt)}</Text>}
        </Section>
      )}

      <Section title="影像">
        {s.series.length > 1 && (
          <ChoiceChips
            label="序列"
            testId="study-series"
            options={s.series.map((se, i) => ({
              id: String(i),
              label: `${se.description ?? `序列 ${se.number ?? i + 1}`}（${se.images.length}张）`,
            }))}
            value={String(Math.min(seriesIdx, s.series.length - 1))}
            onChange={(v) =>
              go(() => {
                setSeriesIdx(Number(v));
                setImageIdx(0);
              })
            }
          />
        )}
        {s.windowPresets.length > 0 && (
          <ChoiceChips
            label="窗宽窗位"
            testId="study-window"
            options={[{ id: '', label: '默认' }, ...s.windowPresets.map((w) => ({ id: w.id, label: w.label }))]}
            value={windowId}
            onChange={(v) => go(() => setWindowId(v))}
          />
        )}
        {!image ? (
          <EmptyState text="该序列暂无图像" />
        ) : (
          <View>
            <View className="records__viewer" onClick={zoom}>
              <Image
                key={src(image.url)}
                className="records__image"
                src={src(image.url)}
                mode="aspectFit"
                // The <img> inside Taro's H5 image carries the words (nativeProps: web component, imgProps: React).
                nativeProps={{ alt: `${s.description} 第 ${imageIdx + 1} 张` }}
                imgProps={{ alt: `${s.description} 第 ${imageIdx + 1} 张` }}
                data-testid="study-image"
                data-window={windowId}
                onLoad={() => setImageState('ready')}
                onError={onImageError}
              />
            </View>
            {imageState === 'loading' && <Text className="records__meta">图像加载中…</Text>}
            {imageState === 'failed' && (
              <View>
                <Notice kind="error" text="图像加载失败，请重新加载" testId="study-image-error" />
                <ActionButton kind="secondary" onClick={() => go(() => void reload())} testId="study-image-retry">
                  重新加载
                </ActionButton>
              </View>
            )}
            <View className="records__pager">
              <ActionButton
                kind="secondary"
                disabled={imageIdx <= 0}
                onClick={() => go(() => setImageIdx(imageIdx - 1))}
                testId="study-prev"
              >
                上一张
              </ActionButton>
              <Text className="records__page" data-testid="study-position">
                {imageIdx + 1} / {images.length}
              </Text>
              <ActionButton
                kind="secondary"
                disabled={imageIdx >= images.length - 1}
                onClick={() => go(() => setImageIdx(imageIdx + 1))}
                testId="study-next"
              >
                下一张
              </ActionButton>
            </View>
            <ActionButton kind="link" block onClick={zoom} testId="study-zoom">
              放大查看（可双指缩放、左右滑动）
            </ActionButton>
          </View>
        )}
      </Section>

      <SharePanel patientId={patientId} hospitalId={hospitalId} studyId={studyId} />
    </PageShell>
  );
}
