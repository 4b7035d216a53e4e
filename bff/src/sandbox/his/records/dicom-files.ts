import dcmjs from 'dcmjs';
import { LRUCache } from 'lru-cache';
import { pinyin } from 'pinyin-pro';
import type { GeneratedInstance, GeneratedSeries, GeneratedStudy } from './generated-studies.js';
import type { RegisteredPatient } from './patient-index.js';
import { ctSlice, dxImage, usImage } from './phantoms.js';
import { uidOf } from './seed.js';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = uidOf('cityhealth/sandbox/his/dicom');
/** How many bytes of generated DICOM files are kept (the oldest unused are made again when asked). */
const DEFAULT_CACHE_BYTES = 96 * 1024 * 1024;

/** Everything a DICOM file says about where its image belongs. */
export interface InstanceContext {
  hospital: string;
  patient: RegisteredPatient;
  study: GeneratedStudy;
  series: GeneratedSeries;
  instance: GeneratedInstance;
}

/** DICOM DA and TM in Beijing time. */
function dicomDateTime(at: number): { date: string; time: string } {
  const text = new Date(at + 8 * 3600_000).toISOString();
  return { date: text.slice(0, 10).replaceAll('-', ''), time: text.slice(11, 19).replaceAll(':', '') };
}

/** `张三` → `ZHANG^SAN` (family name, then given name), as the Alphabetic group of a PN. */
export function alphabeticName(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array' }).map((s) => s.toUpperCase());
  return syllables.length > 1 ? `${syllables[0]}^${syllables.slice(1).join('')}` : (syllables[0] ?? '');
}

/** What each modality's image is: its pixel module and the attributes of the kind of image. */
function imageModule(i: GeneratedInstance, slicePosition: number): Record<string, unknown> {
  if (i.kind === 'ct') {
    const pixels = ctSlice(i);
    return {
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      RescaleIntercept: -1024,
      RescaleSlope: 1,
      RescaleType: 'HU',
      WindowCenter: [-600, 40],
      WindowWidth: [1500, 400],
      WindowCenterWidthExplanation: ['LUNG', 'MEDIASTINUM'],
      KVP: 120,
      SliceThickness: 5,
      PixelSpacing: [0.7, 0.7],
      ImagePositionPatient: [-179.2, -179.2, slicePosition],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      SliceLocation: slicePosition,
      PixelData: [pixels.buffer],
    };
  }
  if (i.kind === 'dx') {
    return {
      ImageType: ['ORIGINAL', 'PRIMARY'],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      WindowCenter: 2048,
      WindowWidth: 4096,
      PresentationIntentType: 'FOR PRESENTATION',
      ViewPosition: 'PA',
      ImagerPixelSpacing: [0.43, 0.43],
      KVP: 125,
      PixelData: [dxImage(i).buffer],
    };
  }
  return {
    ImageType: ['ORIGINAL', 'PRIMARY'],
    SamplesPerPixel: 3,
    PhotometricInterpretation: 'RGB',
    PlanarConfiguration: 0,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    PixelData: [usImage(i).buffer],
  };
}

/** Writes a Part-10 file (explicit VR little endian) of one generated image with dcmjs. */
export function writeDicomFile(c: InstanceContext): Uint8Array {
  const { patient, study, series, instance } = c;
  const when = dicomDateTime(study.started);
  const acquired = dicomDateTime(study.started + instance.index * 2_000);
  const sex = patient.gender === 'male' ? 'M' : patient.gender === 'female' ? 'F' : 'O';
  const dataset: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: instance.sopClassUid,
    SOPInstanceUID: instance.uid,
    StudyDate: when.date,
    StudyTime: when.time,
    SeriesDate: when.date,
    SeriesTime: when.time,
    ContentDate: acquired.date,
    ContentTime: acquired.time,
    AccessionNumber: study.accessionNumber,
    Modality: series.modality,
    Manufacturer: 'CityHealth Sandbox',
    InstitutionName: c.hospital,
    ReferringPhysicianName: '',
    StudyDescription: study.description,
    SeriesDescription: series.description,
    PatientName: [{ Alphabetic: alphabeticName(patient.name), Ideographic: patient.name }],
    PatientID: patient.mrn,
    // the 门诊号's issuer, as the FHIR Patient's assigner
    IssuerOfPatientID: c.hospital,
    PatientBirthDate: patient.birthDate?.replaceAll('-', '') ?? '',
    PatientSex: sex,
    BodyPartExamined: series.bodySite.code === '69748006' ? 'NECK' : 'CHEST',
    StudyInstanceUID: study.uid,
    SeriesInstanceUID: series.uid,
    StudyID: study.accessionNumber.slice(-8),
    SeriesNumber: series.number,
    InstanceNumber: instance.number,
    PatientOrientation: ['L', 'P'],
    Rows: instance.rows,
    Columns: instance.columns,
    ...imageModule(instance, -40 - instance.index * 5),
    _vrMap: { PixelData: instance.kind === 'us' ? 'OB' : 'OW' },
  };
  const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: instance.sopClassUid,
    MediaStorageSOPInstanceUID: instance.uid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'CITYHEALTH_SBX',
  });
  const file = new dcmjs.data.DicomDict(meta);
  file.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(file.write());
}

/**
 * The generated DICOM files, made on first ask and kept in an LRU cache bounded by bytes: a file
 * evicted is written again, the same, when asked for again.
 */
export class DicomFiles {
  private readonly cache: LRUCache<string, Uint8Array>;

  constructor(maxBytes = DEFAULT_CACHE_BYTES) {
    // twice a file's bytes: rendering keeps a parse of its pixels alongside it (render.ts, by file)
    this.cache = new LRUCache({ maxSize: maxBytes, sizeCalculation: (file) => 2 * file.byteLength });
  }

  file(c: InstanceContext): Uint8Array {
    const key = `${c.hospital}/${c.instance.uid}`;
    const known = this.cache.get(key);
    if (known) return known;
    const file = writeDicomFile(c);
    this.cache.set(key, file);
    return file;
  }
}
