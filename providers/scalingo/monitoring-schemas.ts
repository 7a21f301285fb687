/**
 * Zod schemas of the app-level production resources (`Notifier`, `Alert`, `LogDrain`, `Autoscaler`,
 * `Collaborator`) and their API payloads: factories taking `z`, as in `schemas.ts`.
 * @see https://developers.scalingo.com/notifiers
 * @see https://developers.scalingo.com/alerts
 * @see https://developers.scalingo.com/log_drains
 * @see https://developers.scalingo.com/autoscalers
 * @see https://developers.scalingo.com/collaborators
 */
import type { z } from "zod";
import type { Zod } from "../base/inputs";
import { parseGoDuration } from "./durations";
import { MAX_CONTAINERS } from "./limits";
import {
  ALERT_METRICS,
  AUTOSCALER_METRICS,
  AUTOSCALER_MIN_CONTAINERS,
  DRAIN_TYPES,
  NOTIFIER_PLATFORMS,
} from "./production-limits";
import { CONTAINER_TYPE_PATTERN, childFields } from "./schemas";

const containerType = (z: Zod) =>
  z.string().regex(CONTAINER_TYPE_PATTERN, "must be a process type of the Procfile, such as web");

const goDuration = (z: Zod) =>
  z.string().refine((d) => parseGoDuration(d) !== undefined, "must be a duration such as 2m, 1h or 1h30m");

/** Inputs of a Notifier. */
export const notifierInputsSchema = (z: Zod) =>
  z
    .object({
      ...childFields(z),
      name: z.string({ error: "must be a name" }).min(1, "must be a name"),
      platform: z.enum(NOTIFIER_PLATFORMS, { error: `must be one of ${NOTIFIER_PLATFORMS.join(", ")}` }),
      active: z.boolean().default(true),
      sendAllAlerts: z.boolean().default(true),
      sendAllEvents: z.boolean().default(false),
      events: z.array(z.string().min(1)).default([]),
      emails: z.array(z.email("must be an e-mail address")).default([]),
      webhookUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
      adopt: z.boolean().optional(),
    })
    .refine((n) => n.platform === "email" || n.webhookUrl !== undefined, {
      message: "is required for a slack or webhook notifier",
      path: ["webhookUrl"],
    })
    .refine((n) => n.platform !== "email" || n.emails.length > 0, {
      message: "must list at least one address for an email notifier",
      path: ["emails"],
    });

/** Inputs of an Alert. */
export const alertInputsSchema = (z: Zod) =>
  z.object({
    ...childFields(z),
    containerType: containerType(z),
    metric: z.enum(ALERT_METRICS, { error: `must be one of ${ALERT_METRICS.join(", ")}` }),
    limit: z.number({ error: "must be a number" }),
    sendWhenBelow: z.boolean().default(false),
    durationBeforeTrigger: goDuration(z).default("0s"),
    remindEvery: goDuration(z).optional(),
    notifiers: z.array(z.string().min(1)).default([]),
    disabled: z.boolean().default(false),
    adopt: z.boolean().optional(),
  });

/** Inputs of a LogDrain: on the app, or on one of its add-ons when `addonId` is set. */
export const logDrainInputsSchema = (z: Zod) =>
  z.object({
    ...childFields(z),
    addonId: z.string().min(1).optional(),
    type: z.enum(Object.keys(DRAIN_TYPES) as [keyof typeof DRAIN_TYPES], {
      error: `must be one of ${Object.keys(DRAIN_TYPES).join(", ")}`,
    }),
    token: z.string().min(1).optional(),
    host: z.string().min(1).optional(),
    port: z
      .union([z.string().regex(/^\d+$/), z.int()])
      .transform(String)
      .optional(),
    drainRegion: z.string().min(1).optional(),
    url: z.url({ error: "must be a URL" }).optional(),
    adopt: z.boolean().optional(),
  });

/** Inputs of an Autoscaler. */
export const autoscalerInputsSchema = (z: Zod) =>
  z
    .object({
      ...childFields(z),
      containerType: containerType(z),
      minContainers: z
        .int("must be a whole number")
        .min(AUTOSCALER_MIN_CONTAINERS, `must be at least ${AUTOSCALER_MIN_CONTAINERS} (Scalingo's minimum)`),
      maxContainers: z.int("must be a whole number").max(MAX_CONTAINERS, `must be at most ${MAX_CONTAINERS}`),
      metric: z.enum(AUTOSCALER_METRICS, { error: `must be one of ${AUTOSCALER_METRICS.join(", ")}` }),
      target: z.number({ error: "must be a number" }).positive("must be more than 0"),
      disabled: z.boolean().default(false),
      adopt: z.boolean().optional(),
    })
    .refine((a) => a.maxContainers >= a.minContainers, {
      message: "must be at least `minContainers`",
      path: ["maxContainers"],
    });

/** Inputs of a Collaborator. */
export const collaboratorInputsSchema = (z: Zod) =>
  z.object({
    ...childFields(z),
    email: z.email("must be an e-mail address"),
    limited: z.boolean().default(false),
  });

/** The notifier object. */
export const notifierSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    name: z.string(),
    active: z.boolean().nullish(),
    platform_id: z.string(),
    send_all_alerts: z.boolean().nullish(),
    send_all_events: z.boolean().nullish(),
    selected_event_ids: z.array(z.string()).nullish(),
    type_data: z
      .object({ emails: z.array(z.string()).nullish(), webhook_url: z.string().nullish() })
      .nullish(),
  });

/** A notification platform, or an event type: what a name resolves to. */
export const namedSchema = (z: Zod) => z.object({ id: z.string(), name: z.string() });

/** The alert object (`remind_every` a Go duration string, `duration_before_trigger` nanoseconds). */
export const alertSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    container_type: z.string(),
    metric: z.string(),
    limit: z.number(),
    disabled: z.boolean().nullish(),
    send_when_below: z.boolean().nullish(),
    duration_before_trigger: z.number().nullish(),
    remind_every: z.string().nullish(),
    notifiers: z.array(z.string()).nullish(),
  });

/** A log drain: its URL is its identity. */
export const drainSchema = (z: Zod) => z.object({ url: z.string() });

/** The autoscaler object. */
export const autoscalerSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    container_type: z.string(),
    min_containers: z.number(),
    max_containers: z.number(),
    metric: z.string(),
    target: z.number(),
    disabled: z.boolean(),
  });

/** The collaborator object. */
export const collaboratorSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    email: z.string(),
    is_limited: z.boolean().nullish(),
    status: z.string().optional(),
  });

/** Resolved inputs of a Notifier. */
export type NotifierInputs = z.infer<ReturnType<typeof notifierInputsSchema>>;
/** Resolved inputs of an Alert. */
export type AlertInputs = z.infer<ReturnType<typeof alertInputsSchema>>;
/** Resolved inputs of a LogDrain. */
export type LogDrainInputs = z.infer<ReturnType<typeof logDrainInputsSchema>>;
/** Resolved inputs of an Autoscaler. */
export type AutoscalerInputs = z.infer<ReturnType<typeof autoscalerInputsSchema>>;
/** Resolved inputs of a Collaborator. */
export type CollaboratorInputs = z.infer<ReturnType<typeof collaboratorInputsSchema>>;
/** The notifier object as parsed. */
export type ApiNotifier = z.infer<ReturnType<typeof notifierSchema>>;
/** The alert object as parsed. */
export type ApiAlert = z.infer<ReturnType<typeof alertSchema>>;
/** The autoscaler object as parsed. */
export type ApiAutoscaler = z.infer<ReturnType<typeof autoscalerSchema>>;
/** The collaborator object as parsed. */
export type ApiCollaborator = z.infer<ReturnType<typeof collaboratorSchema>>;
