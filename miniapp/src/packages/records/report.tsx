import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ReportDetail, ReportItem } from '@cityhealth/shared-types';
import { REPORT_CATEGORY_LABELS, REPORT_DISCLAIMER } from '@cityhealth/shared-types/labels';
import { api, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { NotReadyPage } from '../../components/state-view';
import { useEdition } from '../../edition/use-edition';
import { backOr } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { platformPdf } from '../../platform/open-pdf';
import { ROUTES, withQuery } from '../../routes';
import { dateTime } from '../../utils/time';
import { fileSize, flagView, resultText, statusWords } from './records.logic';
import './records.scss';

function FlagWords({ item }: { item: ReportItem }) {
  const flag = flagView(item);
  if (!flag.words) return null;
  return (
    <Text className={`records__flag records__flag--${flag.tone}`} data-testid="report-item-flag">
      {flag.words}
      {flag.arrow ? ` ${flag.arrow}` : ''}
    </Text>
  );
}

/** The standard edition: a table 项目 / 结果 / 单位 / 参考范围, the flag in words beside the result. */
function ItemsTable({ items }: { items: ReportItem[] }) {
  return (
    <View className="records__table" role="table" aria-label="检验结果">
      <View className="records__tr records__tr--head" role="row">
        <View className="records__td records__td--name" role="columnheader">
          <Text>项目</Text>
        </View>
        <View className="records__td records__td--result" role="columnheader">
          <Text>结果</Text>
        </View>
        <View className="records__td records__td--unit" role="columnheader">
          <Text>单位</Text>
        </View>
        <View className="records__td records__td--range" role="columnheader">
          <Text>参考范围</Text>
        </View>
      </View>
      {items.map((it) => (
        <View
          key={`${it.code ?? ''}-${it.name}`}
          className={`records__tr${flagView(it).words ? ' records__tr--flagged' : ''}`}
          role="row"
          data-testid="report-item"
        >
          <View className="records__td records__td--name" role="cell">
            <Text>{it.name}</Text>
          </View>
          <View className="records__td records__td--result" role="cell">
            <Text className={it.pending ? 'records__pending' : 'records__value'}>{resultText(it)}</Text>
            <FlagWords item={it} />
          </View>
          <View className="records__td records__td--unit" role="cell">
            <Text>{it.unit ?? ''}</Text>
          </View>
          <View className="records__td records__td--range" role="cell">
            <Text>{it.referenceRange ?? ''}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

/** The elder edition: one item a block, the result and its flag words large. */
function ItemsBlocks({ items }: { items: ReportItem[] }) {
  return (
    <View>
      {items.map((it) => (
        <View key={`${it.code ?? ''}-${it.name}`} className="records__item" data-testid="report-item">
          <Text className="records__item-name">{it.name}</Text>
          <View className="records__item-result">
            <Text className={it.pending ? 'records__pending' : 'records__value'}>
              {resultText(it)}
              {!it.pending && it.unit ? ` ${it.unit}` : ''}
            </Text>
            <FlagWords item={it} />
          </View>
          {it.referenceRange && <Text className="records__meta">参考范围 {it.referenceRange}</Text>}
        </View>
      ))}
    </View>
  );
}

/** One report: its results with flags in words, the conclusion, who issued it and when, the PDF. */
export default function ReportPage() {
  const { patientId = '', hospitalId = '', reportId = '' } = useRouter().params;
  const { elder } = useEdition();
  const { state, reload } = useRemote(
    () => api.report(patientId, reportId, hospitalId),
    [patientId, reportId, hospitalId],
  );
  const [opening, setOpening] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const r: ReportDetail = state.data;

  async function openPdf() {
    setOpening(true);
    setProblem(null);
    try {
      await platformPdf.open(async () => ({
        ...(await api.reportPdfRequest(patientId, reportId, hospitalId)),
        title: `${r.pdf?.title ?? r.title}.pdf`,
      }));
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setOpening(false);
    }
  }

  return (
    <PageShell className="records">
      <Section>
        <View className="records__card-head">
          <Text className="records__heading" data-testid="report-title">
            {r.title}
          </Text>
          <Text className={`records__status records__status--${r.status}`} data-testid="report-status">
            {statusWords(r.status)}
          </Text>
        </View>
        <Text className="records__line">
          {r.hospitalName} · {REPORT_CATEGORY_LABELS[r.category]}
        </Text>
        {r.department && <Text className="records__line">科室：{r.department}</Text>}
        {r.performer && <Text className="records__line">报告医生：{r.performer}</Text>}
        {r.collectedAt && <Text className="records__line">采样/检查时间：{dateTime(r.collectedAt)}</Text>}
        <Text className="records__line" data-testid="report-issued">
          报告时间：{r.issuedAt ? dateTime(r.issuedAt) : '尚未出具'}
        </Text>
        {r.criticalCount > 0 && <Notice kind="error" text={`本报告有 ${r.criticalCount} 项危急值，请尽快联系医生。`} />}
      </Section>

      {r.status === 'cancelled' && <Notice kind="warning" text="该报告已作废，请以医院重新出具的报告为准。" />}
      {r.status === 'corrected' && <Notice kind="info" text="该报告出具后已被医院更正，以下为更正后的内容。" />}

      {r.items.length > 0 && (
        <Section title="检验结果">{elder ? <ItemsBlocks items={r.items} /> : <ItemsTable items={r.items} />}</Section>
      )}

      {r.conclusion && (
        <Section title="检查所见与结论">
          <Text className="records__paragraph" data-testid="report-conclusion">
            {r.conclusion}
          </Text>
        </Section>
      )}

      {r.pdf && (
        <Section title="报告原件">
          <Text className="records__line">
            {r.pdf.title}
            {r.pdf.sizeBytes !== null ? `（${fileSize(r.pdf.sizeBytes)}）` : ''}
          </Text>
          <ActionButton kind="secondary" block busy={opening} onClick={openPdf} testId="report-pdf">
            查看PDF
          </ActionButton>
        </Section>
      )}
      {problem && <Notice kind="error" text={problem} testId="report-error" />}

      <View className="records__disclaimer" data-testid="report-disclaimer">
        <Text>{r.disclaimer || REPORT_DISCLAIMER}</Text>
      </View>
      {/* Also what a keyboard reaches in a long report without a PDF (a scrolled page needs something focusable). */}
      <View className="records__links">
        <ActionButton
          kind="link"
          onClick={() => backOr(withQuery(ROUTES.reports, { patientId, hospitalId }))}
          testId="report-back"
        >
          返回报告列表
        </ActionButton>
      </View>
    </PageShell>
  );
}
