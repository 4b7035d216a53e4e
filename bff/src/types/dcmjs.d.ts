/** The part of dcmjs (no types of its own) the sandbox's imaging emulator uses. */
declare module 'dcmjs' {
  /** One element in the DICOM JSON model (PS3.18 F.2): its VR and values. */
  export interface DicomElement {
    vr: string;
    Value?: unknown[];
    InlineBinary?: string;
    BulkDataURI?: string;
  }
  /** Tag (8 hex digits, upper case) → element. */
  export type DicomJson = Record<string, DicomElement>;

  export class DicomDict {
    constructor(meta: DicomJson);
    meta: DicomJson;
    dict: DicomJson;
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  interface ReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
    forceStoreRaw?: boolean;
  }

  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: ReadOptions): DicomDict };
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Record<string, unknown>): DicomJson;
        naturalizeDataset(dict: DicomJson): Record<string, unknown>;
      };
    };
  };
  export default dcmjs;
}
