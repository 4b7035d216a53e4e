import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ImagingShare } from '@cityhealth/shared-types';
import { api, messageOf } from '../../../api';
import { ActionButton } from '../../../components/action-button';
import { Notice } from '../../../components/notice';
import { Section } from '../../../components/section';
import { open } from '../../../features/navigation';
import { ROUTES, withQuery } from '../../../routes';
import { dateTime } from '../../../utils/time';
import { SHARE_HOURS, SHARE_USES, shareLink } from '../records.logic';
import { ChoiceChips } from './choice-chips';

/** Where a share link given as a path opens: the API's origin (H5: the page's own). */
export function linkOrigin(): string {
  if (__API_BASE__) return __API_BASE__;
  return typeof location !== 'undefined' ? location.origin : '';
}

/** Copies a text with the platform's clipboard and says so in the page. */
export async function copy(text: string, what: string, say: (t: string) => void): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text });
    say(`${what}已复制`);
  } catch {
    say(`复制失败，请长按${what}手动复制`);
  }
}

interface Props {
  patientId: string;
  hospitalId: string;
  studyId: string;
}

/** 分享给家人/医生 (云胶片): how long and how often, then the link and its 6-digit access code to pass on. */
export function SharePanel({ patientId, hospitalId, studyId }: Props) {
  const [hours, setHours] = useState<string>('72');
  const [uses, setUses] = useState<string>('10');
  const [busy, setBusy] = useState(false);
  const [share, setShare] = useState<ImagingShare | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setProblem(null);
    setCopied(null);
    try {
      setShare(
        await api.shareStudy(patientId, studyId, { hospitalId, validHours: Number(hours), maxUses: Number(uses) }),
      );
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const link = share ? shareLink(share.url, linkOrigin()) : '';
  return (
    <Section title="分享给家人/医生">
      <Text className="records__hint">对方打开链接并输入访问码即可查看影像，无需登录。</Text>
      <Text className="records__label">有效期</Text>
      <ChoiceChips
        label="有效期"
        testId="share-hours"
        options={SHARE_HOURS.map((h) => ({ id: String(h.hours), label: h.label }))}
        value={hours}
        onChange={setHours}
      />
      <Text className="records__label">可查看次数</Text>
      <ChoiceChips
        label="可查看次数"
        testId="share-uses"
        options={SHARE_USES.map((n) => ({ id: String(n), label: `${n}次` }))}
        value={uses}
        onChange={setUses}
      />
      <ActionButton block busy={busy} onClick={create} testId="share-create">
        {share ? '重新生成分享' : '生成分享链接'}
      </ActionButton>
      {problem && <Notice kind="error" text={problem} testId="share-error" />}
      {share && (
        <View className="records__share" data-testid="share-result">
          <Text className="records__label">访问码</Text>
          <Text className="records__code" data-testid="share-code">
            {share.accessCode}
          </Text>
          <Text className="records__label">链接</Text>
          <Text className="records__link" data-testid="share-link" userSelect>
            {link}
          </Text>
          <Text className="records__meta">
            有效期至 {dateTime(share.expiresAt)}，可查看 {share.maxUses} 次
          </Text>
          <View className="records__share-actions">
            <ActionButton
              kind="secondary"
              onClick={() => void copy(`${link}\n访问码：${share.accessCode}`, '链接和访问码', setCopied)}
              testId="share-copy"
            >
              复制链接和访问码
            </ActionButton>
            <ActionButton
              kind="secondary"
              onClick={() => void copy(share.accessCode, '访问码', setCopied)}
              testId="share-copy-code"
            >
              复制访问码
            </ActionButton>
          </View>
          {copied && <Notice kind="success" text={copied} testId="share-copied" />}
          <ActionButton kind="link" onClick={() => open(withQuery(ROUTES.shares, { patientId }))} testId="share-list">
            查看我的分享
          </ActionButton>
        </View>
      )}
    </Section>
  );
}
