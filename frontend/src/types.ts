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

export interface Neighbourhood {
  id: number;
  name: string;
  slug?: string;
}

export interface Author {
  id: number;
  display_name: string;
  role?: Role;
  department?: string;
  verified?: boolean;
}

export interface ContentItem {
  id: number;
  kind: string;
  title?: string;
  summary?: string;
  body?: string;
  body_html?: string;
  author?: Author | null;
  container?: { id: number; name?: string; kind?: string; neighbourhood_id?: number | null } | null;
  official?: boolean;
  pinned?: boolean;
  urgent?: boolean;
  edited?: boolean;
  hidden_reason?: string;
  container_id?: number;
  created_at: number;
  comment_count?: number;
  reaction_count?: number;
  reactions?: Record<string, number>;
  my_reaction?: string | null;
  hidden?: boolean;
  plugin?: string;
  data?: unknown;
  /** In stream pages: the item's newest comments (up to two), shown compactly under it. */
  latest_comments?: Comment[];
}

export interface Comment {
  id: number;
  parent_id?: number | null;
  hidden?: boolean;
  deleted?: boolean;
  body: string;
  body_html?: string;
  author?: Author | null;
  created_at: number;
}

export interface Notification {
  id: number;
  kind?: string;
  payload?: Record<string, unknown>;
  link?: string;
  urgent?: boolean;
  actor_id?: number;
  text?: string;
  title?: string;
  content_id?: number | null;
  created_at: number;
  read?: boolean;
  read_at?: number | null;
}

export interface Session {
  id: number | string;
  created_at?: number;
  last_seen_at?: number;
  user_agent?: string;
  ip?: string;
  current?: boolean;
}

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

export interface Message {
  id: number;
  conversation_id: number;
  sender_id: number;
  sender_name?: string;
  body: string;
  created_at: number;
}
