import type { Schemas } from './api/contract';

// Shapes of the API data the shell reads. Fields marked optional may be absent
// depending on the server version; the UI degrades instead of failing.

export interface PluginInfo {
  name: string;
  version: string;
  description?: string;
  ui: string | null;
}

export interface Meta {
  municipality: {
    name: string;
    contact_email?: string;
    imprint?: string;
    privacy?: string;
    accessibility_contact?: string;
  };
  languages: string[];
  default_language: string;
  plugins: PluginInfo[];
  registration_mode?: string;
  /** Development mode without SMTP only: the folder mails are written to instead of sent. */
  mail_outbox?: string;
}

export type Role = 'resident' | 'staff' | 'moderator' | 'admin';

export interface User {
  id: number;
  email?: string;
  display_name: string;
  role: Role;
  department?: string;
  neighbourhood_id?: number | null;
  language?: string;
  about?: string;
  real_name?: string;
  profile_visibility?: 'residents' | 'public';
  digest?: 'daily' | 'weekly' | 'off';
  status?: string;
  search_indexable?: boolean;
  verified_resident?: boolean;
  avatar?: string | null;
}

export interface Author {
  id: number;
  display_name: string;
  role?: Role;
  department?: string;
  verified?: boolean;
}

/** A content item as the contract describes it (cards in lists lack body and body_html). */
export type ContentItem = Schemas['ContentItem'];
export type CommentPreview = Schemas['CommentPreview'];
/** The author as items carry it (every field optional in the contract). */
export type ItemAuthor = NonNullable<ContentItem['author']>;

export type Notification = Schemas['Notification'];

export interface Conversation {
  id: number;
  title?: string;
  members: number[];
  /** The same members with their names (ascending by id). */
  people?: Pick<Author, 'id' | 'display_name'>[];
  last_message_id?: number;
  unread?: number;
  updated_at?: number;
}

export type Message = Schemas['Message'];
