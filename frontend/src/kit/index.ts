// The component kit: the parts core pages are built from, shared with plugins as shell.kit
// (shell API 2; Comments, Section and Loaded since 3). Accessible by construction: labelled fields with the server's field errors,
// failures in words with a retry, busy-aware buttons that keep focus, headings in order.
import { ErrorAlert, Field, Loading, Notice, Page, Select, Submit, TextArea, Time, fieldError, onSubmit, useAction, useLoad } from '../components/ui';
import { RetryAlert } from '../components/RetryAlert';
import { ItemCard, AuthorName } from '../components/Item';
import { PagedFooter, usePaged } from '../components/LoadMore';
import { Checkbox, RadioGroup } from './forms/Choice';
import { BusyButton } from './forms/BusyButton';
import { ConfirmDialog } from './feedback/ConfirmDialog';
import { Loaded } from './feedback/Loaded';
import { Section } from './layout/Section';
import { Comments } from './items/LazyComments';
import { Composer } from './items/Composer';
import { ItemList, useItemList } from './items/ItemList';
import { Reactions } from './items/Reactions';
import { ReportForm } from './items/ReportForm';
import { PersonPicker } from './people/PersonPicker';
import { lazy } from '../components/lazy';

export const kit = {
  // forms
  Field,
  TextArea,
  Select,
  Checkbox,
  RadioGroup,
  Submit,
  BusyButton,
  fieldError,
  onSubmit,
  // feedback
  ErrorAlert,
  RetryAlert,
  Notice,
  Loading,
  ConfirmDialog,
  Loaded, // 3
  // items and people
  Page,
  Section, // 3
  Time,
  AuthorName,
  ItemCard,
  ItemList,
  Composer,
  Reactions,
  ReportForm,
  // shell API 3
  Comments,
  PersonPicker,
  PagedFooter,
  // hooks
  useLoad,
  useAction,
  usePaged,
  useItemList,
  // a plugin page loaded when first shown (not first-page JavaScript)
  lazy,
};

export type Kit = typeof kit;
