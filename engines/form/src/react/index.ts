// The React entry of the form engine (`@tessera/form-engine/react`): renders forms and records.
export { FormRenderer, useIsPhone, type FormRendererProps } from './FormRenderer';
export { markOnce, useProgressive, type ProgressiveOptions } from './progressive';
export { RecordView, type RecordViewProps } from './RecordView';
export { displayValue, optionColor, isNumeric } from './display';
export { memberDirectory, memberIds, memberText, recordsMemberIds, useMemberNames, type MemberName } from './members';
export { OptionTags } from './widgets';
export { rendererText } from './i18n';
export type { FormServices, FieldMode, Issue } from './types';
export { lookupTarget, requiredIfOf } from './formState';
