import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { Patient, Relation } from '@cityhealth/shared-types';
import { RELATION_LABELS, RELATIONS } from '@cityhealth/shared-types/labels';
import { api, ApiError, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Field } from '../../components/field';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { NotReadyPage } from '../../components/state-view';
import { backOr } from '../../features/navigation';
import { ROUTES } from '../../routes';
import { changes, defaultRelation, draftErrors, newPatient, type DraftErrors, type PatientDraft } from './form.logic';
import './form.scss';
import { tapProps } from '../../platform/tap';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; original: Patient | null; count: number };

/** Add a patient, or change one (a verified patient's name and ID number stay as verified). */
export default function PatientFormPage() {
  const id = useRouter().params.id;
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [draft, setDraft] = useState<PatientDraft>({ name: '', idNumber: '', phone: '', relation: 'self' });
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'delete' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  async function fetchPatient() {
    try {
      const list = await api.patients();
      const original = id ? (list.items.find((p) => p.id === id) ?? null) : null;
      if (id && !original) throw new ApiError(404, 'NOT_FOUND', '该就诊人不存在或已删除');
      setLoad({ kind: 'ready', original, count: list.items.length });
      setDraft(
        original
          ? { name: original.name, idNumber: '', phone: '', relation: original.relation }
          : { name: '', idNumber: '', phone: '', relation: defaultRelation(list.items.length) },
      );
    } catch (e) {
      setLoad({ kind: 'error', message: messageOf(e) });
    }
  }
  /* biome-ignore lint/correctness/useExhaustiveDependencies: the patient is read again when the page is opened for
     another id, not on each render */
  useEffect(() => void fetchPatient(), [id]);

  if (load.kind !== 'ready') return <NotReadyPage state={load} onRetry={fetchPatient} />;
  const original = load.original;
  const locked = Boolean(original?.verified);
  const set = (k: keyof PatientDraft) => (v: string) => setDraft({ ...draft, [k]: v });

  async function save() {
    const relevant = draftErrors(draft, { locked, editing: original !== null });
    setErrors(relevant);
    if (relevant.name || relevant.idNumber || relevant.phone) return;
    setBusy('save');
    setProblem(null);
    try {
      if (original) {
        const diff = changes(draft, original);
        if (Object.keys(diff).length > 0) await api.updatePatient(original.id, diff);
      } else await api.addPatient(newPatient(draft));
      backOr(ROUTES.patients);
    } catch (err) {
      if (
        err instanceof ApiError &&
        (err.fieldMessage('name') || err.fieldMessage('idNumber') || err.fieldMessage('phone'))
      ) {
        setErrors({
          name: err.fieldMessage('name'),
          idNumber: err.fieldMessage('idNumber'),
          phone: err.fieldMessage('phone'),
        });
      } else setProblem(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (!original) return;
    setBusy('delete');
    setProblem(null);
    try {
      await api.removePatient(original.id);
      backOr(ROUTES.patients);
    } catch (err) {
      setProblem(messageOf(err));
      setConfirmDelete(false);
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell
      className="patient-form"
      footer={
        <ActionButton block busy={busy === 'save'} onClick={save} testId="patient-save">
          保存
        </ActionButton>
      }
    >
      <Section>
        {locked && <Notice kind="info" text="已实名认证的就诊人不能修改姓名和证件号" />}
        <Field
          label="姓名"
          value={draft.name}
          onInput={set('name')}
          maxlength={30}
          placeholder="与身份证一致"
          error={errors.name}
          testId="patient-name"
          disabled={locked}
        />
        <Field
          label="身份证号"
          value={locked ? (original?.idNumberMasked ?? '') : draft.idNumber}
          onInput={set('idNumber')}
          type="idcard"
          maxlength={18}
          placeholder={original ? `${original.idNumberMasked}（不修改可留空）` : '18 位居民身份证号码'}
          error={errors.idNumber}
          testId="patient-id-number"
          disabled={locked}
        />
        <Field
          label="手机号"
          value={draft.phone}
          onInput={set('phone')}
          type="number"
          maxlength={11}
          placeholder={original ? `${original.phoneMasked}（不修改可留空）` : '就诊人手机号'}
          error={errors.phone}
          testId="patient-phone"
        />
        <View className="patient-form__relations" role="radiogroup" aria-label="与本人关系">
          <Text className="patient-form__label">与本人关系</Text>
          <View className="patient-form__chips">
            {RELATIONS.map((r: Relation) => (
              <View
                key={r}
                className={`patient-form__chip${draft.relation === r ? ' patient-form__chip--on' : ''}`}
                aria-checked={draft.relation === r}
                {...tapProps(() => setDraft({ ...draft, relation: r }), 'radio')}
              >
                <Text>{RELATION_LABELS[r]}</Text>
              </View>
            ))}
          </View>
        </View>
      </Section>
      {problem && <Notice kind="error" text={problem} testId="patient-form-error" />}
      {original && !confirmDelete && (
        <ActionButton kind="danger" block onClick={() => setConfirmDelete(true)} testId="patient-delete">
          删除就诊人
        </ActionButton>
      )}
      {original && confirmDelete && (
        <View className="patient-form__confirm">
          <Text className="patient-form__label">确定删除就诊人 {original.name} 吗？</Text>
          <View className="patient-form__confirm-actions">
            <ActionButton kind="secondary" onClick={() => setConfirmDelete(false)}>
              不删除
            </ActionButton>
            <ActionButton kind="danger" busy={busy === 'delete'} onClick={remove} testId="patient-delete-confirm">
              确认删除
            </ActionButton>
          </View>
        </View>
      )}
    </PageShell>
  );
}
